import type { SecureHeadersVariables } from 'hono/secure-headers';
import type { AppDeps } from '../app/deps.ts';

export type AppEnv = {
  Variables: SecureHeadersVariables & {
    deps: AppDeps;
    requestId: string;
    /** A capability page (manage links): no referrer, no indexing, no caching. */
    privatePage?: boolean;
  };
};
