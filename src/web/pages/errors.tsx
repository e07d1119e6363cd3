import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.tsx';

export function notFoundPage(c: Context<AppEnv>) {
  return renderPage(
    c,
    { title: 'Page not found', status: 404 },
    <>
      <h1>We can't find that page</h1>
      <p>The address may be mistyped, or the page may have moved. If you followed a link to manage a booking, it may have expired: call us and we will help.</p>
      <p>
        <a href="/">Go to the home page</a> or <a href="/therapists">see our therapists</a>.
      </p>
    </>,
  );
}

export function errorPage(c: Context<AppEnv>, requestId: string) {
  return renderPage(
    c,
    { title: 'Something went wrong', status: 500 },
    <>
      <h1>Sorry, something went wrong on our side</h1>
      <p>
        Please try again in a moment. If you were booking, the confirmation e-mail is what tells you it went through; if you are unsure, call us and we will
        check.
      </p>
      <p class="muted">Reference: {requestId}</p>
    </>,
  );
}

/** When even the shell cannot be drawn (the database is down): plain HTML, no details. */
export function bareErrorHtml(requestId: string): string {
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Temporarily unavailable</title></head><body><main><h1>Sorry, we are temporarily unavailable</h1><p>Please try again in a few minutes. If you need help now, call 999 in an emergency, NHS 111, or Samaritans on 116 123.</p><p>Reference: ${requestId.replace(/[^\w-]/g, '')}</p></main></body></html>`;
}
