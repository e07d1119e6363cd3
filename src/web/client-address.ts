// The address a request came from, for rate limits. Only the socket's own address is used: a
// forwarded-for header is written by the client and would let anyone dodge a limit. (Behind a reverse
// proxy every client shares the proxy's address; a trusted-proxy setting would be the place to change that.)
import type { Context } from 'hono';

export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; server?: { incoming?: { socket?: { remoteAddress?: string } } } } | undefined;
  const address = env?.incoming?.socket?.remoteAddress ?? env?.server?.incoming?.socket?.remoteAddress;
  return address ?? 'unknown';
}
