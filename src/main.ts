// npm start: run Closer until SIGTERM / SIGINT, then finish requests in flight and close the database.
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
  const server = await listen(closer, config);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ host: config.HOST, port, database: closer.deps.database.dialect }, 'listening');
  process.stdout.write(`Closer is running at http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      await closer.close();
      logger.info('stopped');
      process.exit(0);
    });
    // Idle keep-alive connections would hold close() open; requests in flight still finish.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  process.stderr.write(`Closer failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
