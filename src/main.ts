// npm start: run Closer until SIGTERM / SIGINT, then finish requests in flight (503 for any still running
// after SHUTDOWN_GRACE_MS) and close the database.
import { fileURLToPath } from 'node:url';
import { type Config, ConfigError, loadConfig } from './config/config.ts';
import { createLogger } from './logger.ts';
import { createCloser, listen } from './server.ts';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  // Built assets sit beside this file (dist/public), wherever the process was started from.
  const closer = await createCloser(config, { logger, assetsDir: fileURLToPath(new URL('./public', import.meta.url)) });
  const listening = await listen(closer, config);
  const address = listening.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ host: config.HOST, port, database: closer.deps.database.dialect }, 'listening');
  process.stdout.write(`Closer is running at http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down');
    void (async () => {
      await listening.drain(config.SHUTDOWN_GRACE_MS);
      // A query still waiting (its request already answered 503) must not hold the exit for its whole
      // statement timeout: the database rolls back what a closed connection left unfinished.
      const closed = await Promise.race([closer.close().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 2_000).unref())]);
      logger.info({ databaseClosed: closed }, 'stopped');
      process.exit(0);
    })().catch((error) => {
      logger.error({ err: error }, 'stop failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  process.stderr.write(`Closer failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
