// The server entry: the composed dependencies (src/app), the web app on top, the background jobs.
import { type ServerType, serve } from '@hono/node-server';
import { composeDeps } from './app/compose.ts';
import type { AppDeps, Clock } from './app/deps.ts';
import type { Config } from './config/config.ts';
import type { Database } from './db/database.ts';
import { type Scheduler, startScheduler } from './jobs/scheduler.ts';
import type { Logger } from './logger.ts';
import { createApp } from './web/app.tsx';
import { loadAssets } from './web/assets.ts';
import { withShutdownCutoff } from './web/shutdown.ts';

export interface Closer {
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  jobs: Scheduler;
  close(): Promise<void>;
}

/** Everything but the listening socket: used by npm start and by the tests. */
export async function createCloser(config: Config, options: { logger?: Logger; clock?: Clock; database?: Database; assetsDir?: string } = {}): Promise<Closer> {
  const deps = await composeDeps(config, { ...options, assets: loadAssets(options.assetsDir) });
  const app = createApp(deps);
  const jobs = startScheduler(deps);
  return {
    deps,
    app,
    jobs,
    async close() {
      await jobs.stop();
      await deps.database.close();
    },
  };
}

export interface Listening {
  server: ServerType;
  /**
   * Stops taking connections and lets requests in flight finish for up to graceMs; any still running
   * then are answered 503 (never a cut connection). Resolves when every connection is closed.
   */
  drain(graceMs: number): Promise<void>;
}

export function listen(closer: Closer, config: Config): Promise<Listening> {
  const { fetch, cutOff } = withShutdownCutoff(closer.app.fetch);
  return new Promise((resolve) => {
    const server = serve({ fetch, port: config.PORT, hostname: config.HOST }, () =>
      resolve({
        server,
        drain: (graceMs) =>
          new Promise((done) => {
            server.close(() => done());
            // Idle keep-alive connections would hold close() open; requests in flight still finish.
            if ('closeIdleConnections' in server) server.closeIdleConnections();
            const timer = setTimeout(() => {
              cutOff();
              // The 503s go out on their connections, which then close (Connection: close).
              setTimeout(() => 'closeAllConnections' in server && server.closeAllConnections(), 1_000).unref();
            }, graceMs);
            timer.unref();
          }),
      }),
    );
  });
}
