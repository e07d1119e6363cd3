// /your-data: a client asks for a copy of everything held about them. The copy is mailed as a single-use
// link to the address given (the same answer whether anything is held or not), and downloaded from the
// link's page with a button, so a mail scanner that opens links does not use it up.
import type { Context } from 'hono';
import { z } from 'zod';
import { dataExportLinkState, downloadDataExport, requestDataExport } from '../../usecases/records/data-export.ts';
import { clientAddress } from '../client-address.ts';
import { EmailField, ErrorSummary, errorTitle, type FieldErrors } from '../components/forms.tsx';
import type { AppEnv } from '../env.ts';
import { one, readForm } from '../read-form.ts';
import { renderPage } from '../render.tsx';

const DataRequestForm = z.object({ email: z.email('Enter your e-mail address, like name@example.com').max(254) });

function requestView(c: Context<AppEnv>, state: { email?: string; errors?: FieldErrors } = {}, status: 200 | 400 | 422 = 200) {
  const errors = state.errors ?? {};
  return renderPage(
    c,
    { title: errorTitle('Get a copy of your data', errors), status },
    <div class="prose">
      <ErrorSummary errors={errors} order={['email']} />
      <h1>Get a copy of your data</h1>
      <p>
        You can have a copy of everything we hold about you: your bookings and the notes you wrote when booking, waiting-list entries, messages and call-back
        requests you sent, and your companion account with your own answers. It is free.
      </p>
      <p>
        Give the e-mail address you used with us. We will e-mail a link to it that works once, for 24 hours, so only you can open the copy. For call-back
        requests, which have no e-mail address, or if you no longer use that address, <a href="/contact">contact us</a>.
      </p>
      <form method="post" action="/your-data" novalidate>
        <EmailField label="Your e-mail address" value={state.email} error={errors.email} />
        <button type="submit" class="button">
          E-mail me a link
        </button>
      </form>
    </div>,
  );
}

export const yourDataPage = (c: Context<AppEnv>) => requestView(c);

export async function yourDataSubmit(c: Context<AppEnv>) {
  const form = await readForm(c, DataRequestForm);
  if (!form.ok) return requestView(c, { email: one(form.values.email), errors: form.errors }, form.status);
  const sent = await requestDataExport(c.var.deps, { email: form.data.email, by: { kind: 'client', ip: clientAddress(c) } });
  if (!sent.ok) {
    const wait = sent.error.retryAfterSeconds ?? 3_600;
    c.header('Retry-After', String(wait));
    const minutes = Math.ceil(wait / 60);
    return renderPage(
      c,
      { title: 'Please wait a little', status: 429 },
      <div class="prose">
        <h1>Please wait a little</h1>
        <p>
          Several copies have been asked for in a short time. Please try again in {minutes === 1 ? 'a minute' : `${minutes} minutes`}. A link already sent still
          works for 24 hours.
        </p>
      </div>,
    );
  }
  return renderPage(
    c,
    { title: 'Check your e-mail' },
    <div class="prose">
      <h1>Check your e-mail</h1>
      <p>If we hold anything for that address, a link to your copy is on its way to it. The link works once, for 24 hours.</p>
      <p>
        Nothing there after a few minutes? Look in your spam folder, or <a href="/contact">contact us</a>.
      </p>
    </div>,
  );
}

function linkGone(c: Context<AppEnv>) {
  return renderPage(
    c,
    { title: 'This link no longer works', status: 404 },
    <div class="prose">
      <h1>This link no longer works</h1>
      <p>Each link works once, for 24 hours. If you have not got your copy yet, you can ask for a new link.</p>
      <p>
        <a class="button" href="/your-data">
          Ask for a new link
        </a>
      </p>
    </div>,
  );
}

export async function yourDataLinkPage(c: Context<AppEnv>) {
  const state = await dataExportLinkState(c.var.deps, c.req.param('token') ?? '');
  if (!state) return linkGone(c);
  return renderPage(
    c,
    { title: 'Your data' },
    <div class="prose">
      <h1>Your data</h1>
      <p>
        The copy of everything we hold about {state.email} is ready. It downloads as one file in JSON, a plain text format most computers can open. This link
        works once: keep the file somewhere safe, as it contains your notes and answers.
      </p>
      <form method="post" action={`/your-data/${c.req.param('token')}`}>
        <button type="submit" class="button">
          Download my data
        </button>
      </form>
    </div>,
  );
}

export async function yourDataDownload(c: Context<AppEnv>) {
  const data = await downloadDataExport(c.var.deps, { token: c.req.param('token') ?? '', requestId: c.var.requestId });
  if (!data.ok) return linkGone(c);
  return c.body(JSON.stringify(data.value, null, 2), 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': 'attachment; filename="my-data.json"',
    'Cache-Control': 'no-store',
  });
}
