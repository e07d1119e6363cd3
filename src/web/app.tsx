// The web application: middleware, pages and the API. Handlers stay thin; rules live in domain/.
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { AppDeps } from '../app/deps.ts';
import { isDatabaseUnavailable } from '../db/database.ts';
import { pictureFile } from '../usecases/pictures.ts';
import { createApi } from './api/routes.ts';
import { companionRoutes } from './companion/routes.tsx';
import type { AppEnv } from './env.ts';
import { registerIcons } from './icons.ts';
import { apiReferencePage } from './pages/api-reference.tsx';
import { bookPage } from './pages/book.tsx';
import { submitBooking } from './pages/book-submit.tsx';
import { leaveWaitlistPage, submitWaitlist } from './pages/book-waitlist.tsx';
import { contactPage, contactSentPage, submitCallback, submitMessage } from './pages/contact.tsx';
import { bareErrorHtml, errorPage, notFoundPage } from './pages/errors.tsx';
import { guidePage } from './pages/guide.tsx';
import { homePage } from './pages/home.tsx';
import { howWeMatchPage } from './pages/how-we-match.tsx';
import { intakePage, intakeSubmit } from './pages/intake.tsx';
import { invoiceDownload, invoicePage } from './pages/invoice.tsx';
import { cancelPage, manageCalendar, managePage, reschedulePage, submitCancel, submitReschedule } from './pages/manage.tsx';
import { nextSessionPage, submitNextSession } from './pages/manage-next.tsx';
import { manageRematchPage } from './pages/manage-rematch.tsx';
import { matchStartPage, matchSubmit } from './pages/match.tsx';
import { privacyPage } from './pages/privacy.tsx';
import { safetyPage, safetySubmit } from './pages/safety.tsx';
import { selfCheckFormPage, selfCheckSubmit } from './pages/self-check.tsx';
import { servicePage, servicesPage } from './pages/services.tsx';
import { therapistProfilePage } from './pages/therapist-profile.tsx';
import { therapistsPage } from './pages/therapists.tsx';
import { yourDataDownload, yourDataLinkPage, yourDataPage, yourDataSubmit } from './pages/your-data.tsx';
import { problem } from './problem.ts';
import { UPLOAD_BODY_LIMIT } from './read-form.ts';
import { refuseCrossSite, securityHeaders } from './security.ts';
import { staffRoutes } from './staff/routes.tsx';

const isApi = (path: string) => path.startsWith('/api/');
const UPLOADS = [/^\/staff\/profile\/photo$/, /^\/staff\/admin\/therapists\/[^/]+\/photo$/, /^\/staff\/admin\/settings\/logo$/];
const isUpload = (method: string, path: string) => method === 'POST' && UPLOADS.some((r) => r.test(path));

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const publicOrigin = new URL(deps.config.publicUrl).origin;

  app.use(async (c, next) => {
    const requestId = randomUUID();
    c.set('deps', deps);
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    // An SVG (the uploaded logo, the icon) opened on its own runs nothing and loads nothing. Set last: the
    // page CSP from securityHeaders would otherwise replace it.
    if (c.res.headers.get('Content-Type') === 'image/svg+xml') c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
    // Set last, after the security headers: a capability URL must never leak as a referrer.
    if (c.get('privatePage')) {
      c.header('Referrer-Policy', 'no-referrer');
      c.header('X-Robots-Tag', 'noindex, nofollow');
    }
    // The route pattern, never the path: paths can hold capability tokens.
    deps.logger.info(
      { requestId, method: c.req.method, route: routePath(c, -1), status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });
  app.use(securityHeaders(publicOrigin.startsWith('https:')));
  const tooMuch = (c: Context) => (isApi(c.req.path) ? problem(c, 'PAYLOAD_TOO_LARGE') : c.text('That was too much to send at once.', 413));
  const formLimit = bodyLimit({ maxSize: deps.config.BODY_LIMIT_BYTES, onError: tooMuch });
  // Picture uploads (staff only): a larger ceiling here; the use case refuses a photo over 5 MB with a message beside the field.
  const uploadLimit = bodyLimit({ maxSize: UPLOAD_BODY_LIMIT, onError: tooMuch });
  app.use((c, next) => (isUpload(c.req.method, c.req.path) ? uploadLimit(c, next) : formLimit(c, next)));
  app.use(refuseCrossSite(() => [publicOrigin]));

  app.get('/assets/:file', (c) => {
    const file = deps.assets.read(c.req.param('file'));
    if (!file) return c.notFound();
    return c.body(new Uint8Array(file.body), 200, { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=31536000, immutable' });
  });

  // Photos and the logo: content-hashed names, so cached for a year; an SVG logo can run nothing.
  app.get('/media/:file', async (c) => {
    const found = await pictureFile(deps, c.req.param('file'));
    if (!found) return c.notFound();
    return c.body(found.data.slice(), 200, { 'Content-Type': found.contentType, 'Cache-Control': 'public, max-age=31536000, immutable' });
  });

  registerIcons(app);

  app.get('/healthz', async (c) => {
    const ok = await deps.database.ping();
    return c.json({ status: ok ? 'ok' : 'unavailable', database: deps.database.dialect }, ok ? 200 : 503);
  });

  app.get('/', homePage);
  // The front door (issue 5): guide, services, self-check, contact, privacy.
  app.get('/guide', guidePage);
  app.get('/services', servicesPage);
  app.get('/services/:slug', servicePage);
  app.get('/self-check', selfCheckFormPage);
  app.post('/self-check', selfCheckSubmit);
  app.get('/contact', contactPage);
  app.post('/contact/message', submitMessage);
  app.post('/contact/callback', submitCallback);
  app.get('/contact/sent', contactSentPage);
  app.get('/privacy', privacyPage);
  app.get('/api', apiReferencePage);
  app.get('/your-data', yourDataPage);
  app.post('/your-data', yourDataSubmit);
  app.get('/your-data/:token', yourDataLinkPage);
  app.post('/your-data/:token', yourDataDownload);
  app.get('/therapists', therapistsPage);
  app.get('/match', matchStartPage);
  app.post('/match', matchSubmit);
  app.get('/match/how', howWeMatchPage);
  app.get('/safety', safetyPage);
  app.post('/safety', safetySubmit);
  app.get('/book', bookPage);
  app.post('/book', submitBooking);
  app.post('/book/waitlist', submitWaitlist);
  app.get('/manage/:token', managePage);
  app.get('/manage/:token/calendar.ics', manageCalendar);
  app.get('/manage/:token/rematch', manageRematchPage);
  app.get('/manage/:token/cancel', cancelPage);
  app.post('/manage/:token/cancel', submitCancel);
  app.get('/manage/:token/reschedule', (c) => reschedulePage(c));
  app.post('/manage/:token/reschedule', submitReschedule);
  app.get('/manage/:token/next', (c) => nextSessionPage(c));
  app.post('/manage/:token/next', submitNextSession);
  app.get('/manage/:token/intake', intakePage);
  app.post('/manage/:token/intake', intakeSubmit);
  app.get('/intake/:token', intakePage);
  app.post('/intake/:token', intakeSubmit);
  app.get('/invoice/:token', invoicePage);
  app.get('/invoice/:token/invoice.pdf', (c) => invoiceDownload(c, false));
  app.get('/invoice/:token/receipt.pdf', (c) => invoiceDownload(c, true));
  app.get('/waitlist/leave/:token', leaveWaitlistPage);
  app.post('/waitlist/leave/:token', leaveWaitlistPage);
  app.get('/therapists/:slug', therapistProfilePage);

  app.route('/api/v1', createApi());
  app.route('/companion', companionRoutes());
  app.route('/staff', staffRoutes());

  app.notFound((c) => (isApi(c.req.path) ? problem(c, 'NOT_FOUND') : notFoundPage(c)));

  app.onError(async (error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      if (isApi(c.req.path)) return problem(c, error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', { detail: error.message });
      return error.getResponse();
    }
    const requestId = c.get('requestId') ?? 'unknown';
    if (isDatabaseUnavailable(error)) {
      // Not a fault in the code: the database is down or stalled. One short line, no stack, and a 503.
      deps.logger.warn({ requestId, route: routePath(c, -1), err: { type: error.name, code: (error as { code?: unknown }).code } }, 'database unavailable');
      c.header('Retry-After', '30');
      if (isApi(c.req.path)) return problem(c, 'UNAVAILABLE', { detail: 'We cannot reach our records just now. Please try again in a moment.', requestId });
      return c.html(bareErrorHtml(requestId), 503);
    }
    deps.logger.error({ requestId, route: routePath(c, -1), err: { type: error.name, message: error.message, stack: error.stack } }, 'request failed');
    if (isApi(c.req.path)) return problem(c, 'INTERNAL', { requestId });
    try {
      return await errorPage(c, requestId);
    } catch {
      return c.html(bareErrorHtml(requestId), 500);
    }
  });

  return app;
}
