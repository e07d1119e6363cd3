// Browser-facing protections: security headers with a CSP nonce, and refusal of cross-site state changes.
import type { MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { problem } from './problem.ts';

export function securityHeaders(https: boolean): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", NONCE],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    referrerPolicy: 'strict-origin-when-cross-origin',
    xFrameOptions: 'DENY',
    crossOriginEmbedderPolicy: false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state change that a browser says came from another site: Sec-Fetch-Site other than
 * same-origin / none, or an Origin that is not ours. A request with neither header is not from a
 * modern browser (every one sends Origin on POST), so it cannot be a cross-site forgery.
 */
export function refuseCrossSite(allowedOrigins: () => string[]): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const ownOrigin = new URL(c.req.url).origin;
    const siteOk = site === undefined || site === 'same-origin' || site === 'none';
    const originOk = origin === undefined || origin === ownOrigin || allowedOrigins().includes(origin);
    if (siteOk && originOk) return next();
    if (c.req.path.startsWith('/api/')) return problem(c, 'CROSS_SITE_REQUEST');
    return c.text('This form was sent from another site, so it was refused.', 403);
  };
}
