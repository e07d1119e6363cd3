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

const CROSS_SITE_PAGE =
  '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>This form was not accepted</title></head><body><main><h1>This form was not accepted</h1><p>It reached us from another website, so to keep you safe we did not accept it: nothing has been sent or booked.</p><p>If you filled it in on this site, go back with your browser’s Back button. What you typed is still there, and you can send it again.</p><p><a href="/">Go to the home page</a></p></main></body></html>';

/**
 * Refuses a state change that a browser says came from another site. Browsers that send
 * Sec-Fetch-Site are judged by it (same-origin or none only): their Origin can be "null" on our own
 * no-referrer pages. Older browsers are judged by Origin. A request with neither header is not from
 * a browser (every modern one sends Origin on POST), so it cannot be a cross-site forgery.
 */
export function refuseCrossSite(allowedOrigins: () => string[]): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const allowed =
      site !== undefined
        ? site === 'same-origin' || site === 'none'
        : origin === undefined || origin === new URL(c.req.url).origin || allowedOrigins().includes(origin);
    if (allowed) return next();
    if (c.req.path.startsWith('/api/')) return problem(c, 'CROSS_SITE_REQUEST');
    // A person who filled in a form here loses nothing: the browser keeps what they typed on the page
    // they came from (nothing of it is echoed back here, since the post may not be theirs).
    return c.html(CROSS_SITE_PAGE, 403);
  };
}
