// A stop that answers everyone. On SIGTERM the server stops taking connections and requests in flight
// may finish; one still running when the grace period ends is answered 503 with Retry-After (a
// problem+json body on the API, a short page elsewhere) instead of a cut connection. A write that was
// waiting is rolled back when the database closes; a retried booking with its idempotency key is safe.
import { randomUUID } from 'node:crypto';
import { bareErrorHtml } from './pages/errors.tsx';
import { problemBody } from './problem.ts';

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

const RETRY_AFTER_SECONDS = '5';

function stoppingResponse(request: Request): Response {
  const headers = {
    'Retry-After': RETRY_AFTER_SECONDS,
    Connection: 'close',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'",
    'X-Content-Type-Options': 'nosniff',
  };
  if (new URL(request.url).pathname.startsWith('/api/')) {
    const body = problemBody('UNAVAILABLE', { detail: 'The service is restarting. Please try again in a few seconds.' });
    return new Response(JSON.stringify(body), { status: 503, headers: { ...headers, 'Content-Type': 'application/problem+json' } });
  }
  return new Response(bareErrorHtml(randomUUID()), { status: 503, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}

/** Wraps the app's fetch so that cutOff() answers every request still in flight with a 503. */
export function withShutdownCutoff(fetch: Fetch): { fetch: Fetch; cutOff: () => void } {
  let cutOff!: () => void;
  const cut = new Promise<null>((resolve) => {
    cutOff = () => resolve(null);
  });
  return {
    fetch: (request, env) => {
      const answer = fetch(request, env);
      if (answer instanceof Response) return answer;
      return Promise.race([answer, cut]).then((response) => response ?? stoppingResponse(request));
    },
    cutOff,
  };
}
