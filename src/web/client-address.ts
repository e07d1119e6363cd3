// The address a request came from, for rate limits. By default only the socket's own address counts:
// X-Forwarded-For is written by the client and would let anyone dodge a limit. Behind reverse proxies,
// TRUST_PROXY_HOPS says how many of the header's right-most entries were added by proxies we run; the
// entry just before those is the client.
import type { Context } from 'hono';

export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; server?: { incoming?: { socket?: { remoteAddress?: string } } } } | undefined;
  const socket = env?.incoming?.socket?.remoteAddress ?? env?.server?.incoming?.socket?.remoteAddress ?? 'unknown';
  const hops = (c.var as { deps?: { config?: { TRUST_PROXY_HOPS?: number } } }).deps?.config?.TRUST_PROXY_HOPS ?? 0;
  if (hops === 0) return socket;
  const chain = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return forwardedClient(chain, hops) ?? socket;
}

/** The client in an X-Forwarded-For chain when the last `hops` entries came from trusted proxies. */
export function forwardedClient(chain: string[], hops: number): string | undefined {
  if (hops <= 0) return undefined;
  // The socket peer is the last proxy; the header's last (hops - 1) entries are the proxies before it.
  return chain[chain.length - hops];
}
