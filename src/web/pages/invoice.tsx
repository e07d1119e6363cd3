// The client's invoice behind its private link (/invoice/{token}, sent in the invoice's e-mail): what it
// says, and the PDF to download (the receipt too, once paid). A capability URL: a wrong link is not found,
// and the page is never indexed or sent on as a referrer.
import type { Context } from 'hono';
import { invoiceLines } from '../../mail/invoice-pdf.ts';
import { invoiceByToken, invoicePdfByToken } from '../../usecases/invoices/read.ts';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.tsx';
import { notFoundPage } from './errors.tsx';

type C = Context<AppEnv>;

export async function invoicePage(c: C) {
  c.set('privatePage', true);
  const token = c.req.param('token') ?? '';
  const found = await invoiceByToken(c.var.deps, token);
  if (!found) return notFoundPage(c);
  const { title, rows, notes } = invoiceLines(found.doc, false);
  return renderPage(
    c,
    { title: `${title} ${found.doc.number}` },
    <>
      <h1>
        {title} {found.doc.number}
      </h1>
      <p class="lead">From {found.doc.practice.name}.</p>
      {found.paid ? <p class="notice">This invoice is paid. Thank you. Your receipt is below.</p> : null}
      <dl class="facts">
        {rows.map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
      {notes.map((n) => (
        <p class="client-notes">{n}</p>
      ))}
      <p>
        <a href={`/invoice/${token}/invoice.pdf`} download>
          Download the invoice (PDF)
        </a>
      </p>
      {found.paid ? (
        <p>
          <a href={`/invoice/${token}/receipt.pdf`} download>
            Download the receipt (PDF)
          </a>
        </p>
      ) : null}
      <p>This is a private link: please keep it to yourself. If anything looks wrong, reply to the e-mail it came with, or contact us.</p>
    </>,
  );
}

export async function invoiceDownload(c: C, receipt: boolean) {
  c.set('privatePage', true);
  const found = await invoicePdfByToken(c.var.deps, c.req.param('token') ?? '', receipt);
  if (!found) return notFoundPage(c);
  return c.body(new Uint8Array(found.pdf), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${found.name}"`,
  });
}
