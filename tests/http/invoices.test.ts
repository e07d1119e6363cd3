// Invoices over HTTP on both databases: drafted when a session is marked attended, missed, or cancelled late
// by the client (at the policy's boundary), issued with gap-free numbers (also when many are issued at once),
// e-mailed over real SMTP with a PDF read back by an independent extractor (unpdf), the client's private link,
// paid with a receipt, void keeping its number, bad input changing nothing, and kept through retention and
// erasure.
import type { ParsedMail } from 'mailparser';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTransport, drainOutbox } from '../../src/jobs/outbox-worker.ts';
import { issueInvoice } from '../../src/usecases/invoices/manage.ts';
import { enforceRetention } from '../../src/usecases/retention.ts';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { linkIn, readOutbox } from '../support/outbox.ts';
import { type Inbox, startInbox } from '../support/smtp.ts';
import { enrolAdmin, getAs, makeStaff, postAs, type StaffAccount, staffSession } from '../support/staff.ts';

type Created = { booking: { id: string; reference: string }; manageUrl: string };

/** The text of a PDF, as an independent reader (pdf.js, through unpdf) finds it, spaces folded. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(doc, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

describe.each(DIALECTS)('invoices on %s', (dialect) => {
  let inbox: Inbox;
  const clock = fixedClock('2027-03-01T08:00:00Z'); // a Monday
  const t = useTestApp(dialect, async () => {
    inbox = await startInbox();
    return { clock, env: { SMTP_URL: inbox.url, MAIL_FROM: 'bookings@closer.example' } };
  });
  let amara: StaffAccount;
  let tomasz: StaffAccount;
  let admin: StaffAccount;
  let amaraId: string;
  let couples: string;
  let feeMinor: number;
  const booked: Record<string, Created> = {};
  const as = (account: StaffAccount) => staffSession(t, account);
  const invoicesOf = (bookingId: string) => t.deps.database.db.selectFrom('invoices').selectAll().where('booking_id', '=', bookingId).execute();
  const invoice = async (id: string) => t.deps.database.db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const book = async (start: string, email = 'alex@example.com') => {
    const res = await t.json('/api/v1/bookings', bookingBody(amaraId, couples, start, { client: { name: 'Alex Example', email } }));
    if (res.status !== 201) throw new Error(`${start}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Created;
  };
  /** Sends what is in the outbox to the in-process SMTP server; answers the messages that arrived. */
  const deliver = async (): Promise<ParsedMail[]> => {
    const before = inbox.messages.length;
    const { sent } = await drainOutbox(t.deps, createTransport(inbox.url));
    await inbox.waitFor(before + sent);
    return inbox.messages.slice(before);
  };
  const pdfOf = (m: ParsedMail) => {
    const a = m.attachments.find((x) => x.contentType === 'application/pdf');
    expect(a).toBeTruthy();
    return new Uint8Array(a!.content);
  };

  beforeAll(async () => {
    const ids = await demoIds(t);
    amaraId = ids.therapist('amara-okafor');
    couples = ids.service('couples-counselling');
    const { therapists } = (await (await t.request('/api/v1/therapists')).json()) as {
      therapists: { id: string; fees: { serviceId: string; feeMinor: number }[] }[];
    };
    feeMinor = therapists.find((x) => x.id === amaraId)!.fees.find((f) => f.serviceId === couples)!.feeMinor;
    expect(feeMinor).toBeGreaterThan(0);
    amara = await makeStaff(t, { email: 'amara@staff.example', therapistId: amaraId });
    tomasz = await makeStaff(t, { email: 'tomasz@staff.example', therapistId: ids.therapist('tomasz-nowak') });
    admin = await enrolAdmin(t);
    booked.attended = await book('2027-03-02T10:00:00Z');
    booked.missed = await book('2027-03-02T11:00:00Z');
    booked.atLimit = await book('2027-03-04T10:00:00Z');
    booked.inside = await book('2027-03-04T11:00:00Z');
  });
  afterAll(async () => {
    await inbox?.close();
  });

  test('billing settings: bad input is refused per field and changes nothing; good input is saved', async () => {
    const cookie = await as(admin);
    const before = await t.deps.database.db.selectFrom('billing_settings').selectAll().executeTakeFirstOrThrow();
    expect(before).toMatchObject({ payment_terms_days: 14, vat_rate_bp: null, charge_percent: 0 });
    const good = {
      registration: 'BACP membership 123456',
      paymentDetails: 'Bank transfer to Closer Counselling Ltd, sort code 12-34-56, account 12345678',
      paymentTermsDays: '14',
      vat: 'exempt',
      chargeHours: '48',
      chargePercent: '50',
    };
    for (const [field, bad] of [
      ['paymentTermsDays', 'soon'],
      ['vat', 'twenty'],
      ['chargePercent', '150'],
      ['chargeHours', '-1'],
    ] as const) {
      const res = await postAs(t, cookie, '/staff/admin/billing', { ...good, [field]: bad });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(`href="#f-${field}"`);
      expect(await t.deps.database.db.selectFrom('billing_settings').selectAll().executeTakeFirstOrThrow()).toEqual(before);
    }
    expect((await postAs(t, await as(amara), '/staff/admin/billing', good)).status).toBe(403);
    const saved = await postAs(t, cookie, '/staff/admin/billing', good);
    expect(saved.status).toBe(303);
    expect(await t.deps.database.db.selectFrom('billing_settings').selectAll().executeTakeFirstOrThrow()).toMatchObject({
      registration: good.registration,
      charge_hours: 48,
      charge_percent: 50,
      vat_rate_bp: null,
    });
  });

  test('a client’s cancellation exactly at the policy’s limit is not charged; one minute inside it is', async () => {
    const cancel = (b: Created) => t.json(`/api/v1/manage/${b.manageUrl.split('/manage/')[1]}/cancel`, {});
    clock.set('2027-03-02T10:00:00Z'); // exactly 48 hours before
    expect((await cancel(booked.atLimit!)).status).toBeLessThan(300);
    expect(await invoicesOf(booked.atLimit!.booking.id)).toHaveLength(0);
    clock.set('2027-03-02T11:01:00Z'); // 47 hours 59 minutes before
    expect((await cancel(booked.inside!)).status).toBeLessThan(300);
    const [late] = await invoicesOf(booked.inside!.booking.id);
    expect(late).toMatchObject({ status: 'draft', kind: 'late_cancellation' });
    expect(Number(late!.amount_minor)).toBe(Math.floor((feeMinor * 50 + 50) / 100));
  });

  test('a session marked attended is drafted at its fee; a missed one at the policy’s share; nothing is sent yet', async () => {
    clock.set('2027-03-02T16:30:00Z');
    const cookie = await as(amara);
    for (const [b, as_] of [
      [booked.attended!, 'attended'],
      [booked.missed!, 'no-show'],
    ] as const) {
      const res = await postAs(t, cookie, `/staff/bookings/${b.booking.id}/${as_}`, { confirmed: 'yes' });
      expect(res.headers.get('location')).toContain(`done=${as_}`);
    }
    const [attended] = await invoicesOf(booked.attended!.booking.id);
    expect(attended).toMatchObject({ status: 'draft', kind: 'session', number: null, currency: 'GBP' });
    expect(Number(attended!.amount_minor)).toBe(feeMinor);
    expect(attended!.client_name).not.toContain('Alex'); // sealed at rest
    const [missed] = await invoicesOf(booked.missed!.booking.id);
    expect(missed).toMatchObject({ status: 'draft', kind: 'no_show' });
    expect(Number(missed!.amount_minor)).toBe(Math.floor((feeMinor * 50 + 50) / 100));
    expect(await readOutbox(t, 'invoice-issued')).toHaveLength(0);
    // The booking page shows it to its therapist and an admin, with what can be done; another therapist sees no booking.
    const page = await (await getAs(t, cookie, `/staff/bookings/${booked.attended!.booking.id}`)).text();
    expect(page).toContain('Draft: not sent yet');
    expect(page).toContain(`/staff/invoices/${attended!.id}/issue`);
    expect(await (await getAs(t, await as(admin), `/staff/bookings/${booked.attended!.booking.id}`)).text()).toContain(`/staff/invoices/${attended!.id}/issue`);
    expect((await postAs(t, await as(tomasz), `/staff/invoices/${attended!.id}/issue`, { confirmed: 'yes' })).status).toBe(404);
    expect((await invoice(attended!.id)).status).toBe('draft');
  });

  test('issuing: asked first, then numbered, e-mailed with a PDF that says the number, amount, dates and client; the private link works', async () => {
    clock.set('2027-03-03T12:00:00Z');
    const cookie = await as(amara);
    const [draft] = await invoicesOf(booked.attended!.booking.id);
    const asked = await postAs(t, cookie, `/staff/invoices/${draft!.id}/issue`);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('The client is e-mailed at once');
    expect((await invoice(draft!.id)).status).toBe('draft');
    const res = await postAs(t, cookie, `/staff/invoices/${draft!.id}/issue`, { confirmed: 'yes' });
    expect(res.headers.get('location')).toBe(`/staff/bookings/${booked.attended!.booking.id}?invoice=issued`);
    const issued = await invoice(draft!.id);
    expect(issued).toMatchObject({ status: 'issued', number: 'INV-2027-0001', due_on: '2027-03-17' });
    // Issuing again changes nothing and takes no number.
    expect((await postAs(t, cookie, `/staff/invoices/${draft!.id}/issue`, { confirmed: 'yes' })).headers.get('location')).toContain('invoice=not-changed');
    expect((await invoice(draft!.id)).number).toBe('INV-2027-0001');
    const page = await (await getAs(t, cookie, `/staff/bookings/${booked.attended!.booking.id}?invoice=issued`)).text();
    expect(page).toContain('The invoice is issued and e-mailed to the client.');
    expect(page).toContain('Issued as INV-2027-0001, due Wednesday 17 March 2027');
    expect(page).toContain(`action="/staff/invoices/${draft!.id}/paid"`);
    expect(page).not.toContain(`action="/staff/invoices/${draft!.id}/issue"`);

    const mails = await deliver();
    const mail = mails.find((m) => m.subject?.startsWith('Invoice INV-2027-0001'))!;
    expect(mail).toBeTruthy();
    expect(mail.text).not.toMatch(/couples/i);
    const amount = `£${(feeMinor / 100).toFixed(2)}`;
    const text = await pdfText(pdfOf(mail));
    for (const expected of [
      'Invoice INV-2027-0001',
      'Alex Example',
      amount,
      'Session: Tuesday, 2 March 2027',
      'Date of issue: Wednesday, 3 March 2027',
      'Payment due: Wednesday, 17 March 2027',
      'BACP membership 123456',
      'sort code 12-34-56',
      'VAT: Exempt',
    ]) {
      expect(text).toContain(expected);
    }
    // The private link from the e-mail: the page and the PDF; a wrong token, or the receipt before payment, is not found.
    const link = linkIn(mail.text ?? '', '/invoice');
    const own = await t.request(link);
    expect(own.status).toBe(200);
    expect(own.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await own.text()).toContain('INV-2027-0001');
    const pdf = await t.request(`${link}/invoice.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(await pdfText(new Uint8Array(await pdf.arrayBuffer()))).toContain(amount);
    expect((await t.request(`${link}/receipt.pdf`)).status).toBe(404);
    expect((await t.request(`/invoice/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await t.request(`${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}/invoice.pdf`)).status).toBe(404);
  });

  test('marking paid: a bad date or method changes nothing; then the receipt PDF is e-mailed and the link offers it', async () => {
    const cookie = await as(amara);
    const [inv] = await invoicesOf(booked.attended!.booking.id);
    const paid = (fields: Record<string, string>) => postAs(t, cookie, `/staff/invoices/${inv!.id}/paid`, { confirmed: 'yes', ...fields });
    for (const [fields, field] of [
      [{ paidOn: '2027-03-04', method: 'card' }, 'paidOn'], // tomorrow
      [{ paidOn: '2027-03-02', method: 'card' }, 'paidOn'], // before it was issued
      [{ paidOn: '2027-02-30', method: 'card' }, 'paidOn'],
      [{ paidOn: 'yesterday', method: 'card' }, 'paidOn'],
      [{ paidOn: '2027-03-03', method: 'cheque' }, 'method'],
    ] as const) {
      const res = await paid(fields);
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(`-${field}"`);
      expect((await invoice(inv!.id)).status).toBe('issued');
    }
    expect(await readOutbox(t, 'invoice-receipt')).toHaveLength(0);
    const res = await paid({ paidOn: '2027-03-03', method: 'bank_transfer' });
    expect(res.headers.get('location')).toContain('invoice=paid');
    expect(await invoice(inv!.id)).toMatchObject({ status: 'paid', paid_on: '2027-03-03', paid_method: 'bank_transfer' });
    const mail = (await deliver()).find((m) => m.subject?.startsWith('Receipt for invoice INV-2027-0001'))!;
    const text = await pdfText(pdfOf(mail));
    for (const expected of [
      'Receipt INV-2027-0001',
      'Alex Example',
      `£${(feeMinor / 100).toFixed(2)}`,
      'Paid on: Wednesday, 3 March 2027',
      'Paid by: Bank transfer',
    ]) {
      expect(text).toContain(expected);
    }
    const link = linkIn(mail.text ?? '', '/invoice');
    expect((await t.request(`${link}/receipt.pdf`)).status).toBe(200);
    // Paid is final: it cannot be voided.
    expect((await postAs(t, cookie, `/staff/invoices/${inv!.id}/void`, { reason: 'oops', confirmed: 'yes' })).headers.get('location')).toContain('not-changed');
  });

  test('void: a reason is needed; the number stays, shown as void, and the next invoice takes the next number', async () => {
    const cookie = await as(admin);
    const [missed] = await invoicesOf(booked.missed!.booking.id);
    await postAs(t, cookie, `/staff/invoices/${missed!.id}/issue`, { confirmed: 'yes' });
    expect((await invoice(missed!.id)).number).toBe('INV-2027-0002');
    const empty = await postAs(t, cookie, `/staff/invoices/${missed!.id}/void`, { reason: '  ', confirmed: 'yes' });
    expect(empty.status).toBe(422);
    expect((await invoice(missed!.id)).status).toBe('issued');
    const res = await postAs(t, cookie, `/staff/invoices/${missed!.id}/void`, { reason: 'Agreed to waive the fee', confirmed: 'yes' });
    expect(res.headers.get('location')).toContain('invoice=void');
    const voided = await invoice(missed!.id);
    expect(voided).toMatchObject({ status: 'void', number: 'INV-2027-0002' });
    expect(voided.void_reason).not.toContain('waive'); // sealed
    const mail = (await deliver()).find((m) => m.subject?.startsWith('Invoice INV-2027-0002'))!;
    const page = await (await t.request(linkIn(mail.text ?? '', '/invoice'))).text();
    expect(page).toContain('void');
    const [late] = await invoicesOf(booked.inside!.booking.id);
    await postAs(t, cookie, `/staff/invoices/${late!.id}/issue`, { confirmed: 'yes' });
    expect((await invoice(late!.id)).number).toBe('INV-2027-0003');
    const list = await (await getAs(t, cookie, '/staff/admin/invoices')).text();
    for (const n of ['INV-2027-0001', 'INV-2027-0002', 'INV-2027-0003']) expect(list).toContain(n);
    expect((await getAs(t, await as(amara), '/staff/admin/invoices')).status).toBe(403);
  });

  /** `n` drafts copied from the first invoice, with ids starting `prefix`, made directly. */
  const drafts = async (prefix: string, n: number) => {
    const source = await t.deps.database.db.selectFrom('invoices').selectAll().where('booking_id', '=', booked.attended!.booking.id).executeTakeFirstOrThrow();
    const now = clock.now();
    const ids = Array.from({ length: n }, (_, i) => `00000000-0000-4000-${prefix}-${String(i).padStart(12, '0')}`);
    await t.deps.database.db
      .insertInto('invoices')
      .values(
        ids.map((id) => ({
          ...source,
          id,
          status: 'draft' as const,
          number: null,
          issued_at: null,
          due_on: null,
          paid_on: null,
          paid_method: null,
          link_hash: `race-${id}`,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    return ids;
  };
  const numbersOf = async (ids: string[]) => {
    const rows = await t.deps.database.db.selectFrom('invoices').select(['id', 'number', 'status']).where('id', 'in', ids).execute();
    expect(rows.every((r) => r.status === 'issued')).toBe(true);
    return rows.map((r) => Number(r.number!.slice(-4))).sort((a, b) => a - b);
  };
  const counter = async () =>
    Number((await t.deps.database.db.selectFrom('invoice_counters').selectAll().where('year', '=', 2027).executeTakeFirstOrThrow()).last_number);

  test('many issued at once over HTTP (each twice): numbers 4..n+3, no gaps, no repeats, each invoice one number', async () => {
    const n = 12;
    const ids = await drafts('8000', n);
    const cookies = await Promise.all([as(amara), as(admin)]);
    const results = await Promise.all([...ids, ...ids].map((id, i) => postAs(t, cookies[i % 2], `/staff/invoices/${id}/issue`, { confirmed: 'yes' })));
    expect(results.every((r) => r.status === 303)).toBe(true);
    expect(await numbersOf(ids)).toEqual(Array.from({ length: n }, (_, i) => i + 4));
    expect(await counter()).toBe(n + 3);
  });

  // PostgreSQL: two pools, as two app processes would have. (Two SQLite connections in one process cannot
  // wait for each other: node:sqlite blocks the one event loop while it waits; one connection per process is
  // how the app runs, and its write transactions begin IMMEDIATE.)
  test.runIf(dialect === 'postgres')(
    'many issued at once through two separate connection pools (each twice): the next n numbers, no gaps, no repeats',
    async () => {
      const n = 10;
      const ids = await drafts('9000', n);
      const second = t.testDb.open();
      try {
        const deps = [t.deps, { ...t.deps, database: second }];
        const audit = { actor: 'test', requestId: 'race' };
        const results = await Promise.all([...ids, ...ids.slice().reverse()].map((id, i) => issueInvoice(deps[i % 2]!, { kind: 'admin' }, id, audit)));
        expect(results.filter((r) => r.ok)).toHaveLength(n);
        expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'CONFLICT')).toBe(true);
      } finally {
        await second.close();
      }
      expect(await numbersOf(ids)).toEqual(Array.from({ length: n }, (_, i) => i + 16));
      expect(await counter()).toBe(n + 15);
    },
  );

  test('(last: it moves the clock on) erasure and retention keep the invoice, with the client’s name, after the booking goes', async () => {
    const cookie = await as(admin);
    const asked = await postAs(t, cookie, '/staff/admin/clients/erase', { email: 'alex@example.com', confirmed: 'yes' });
    expect(asked.status).toBe(200);
    const [inv] = await t.deps.database.db.selectFrom('invoices').selectAll().where('number', '=', 'INV-2027-0001').execute();
    expect(inv).toMatchObject({ status: 'paid' });
    expect(t.deps.encryptor.decrypt(inv!.client_name)).toBe('Alex Example');
    expect(t.deps.encryptor.decrypt(inv!.client_email)).toBe(''); // reduced to what the law needs
    // Seven years on, retention deletes the bookings: the invoices stay, no longer linked to them.
    clock.set('2034-06-01T12:00:00Z');
    await enforceRetention(t.deps);
    expect(await t.deps.database.db.selectFrom('bookings').select('id').where('id', '=', booked.attended!.booking.id).execute()).toHaveLength(0);
    const kept = await t.deps.database.db.selectFrom('invoices').selectAll().where('number', '=', 'INV-2027-0001').executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ booking_id: null, status: 'paid' });
    expect(t.deps.encryptor.decrypt(kept.client_name)).toBe('Alex Example');
    expect(await t.deps.database.db.selectFrom('invoices').select('id').execute()).toHaveLength(dialect === 'postgres' ? 25 : 15);
    expect(await (await t.request('/privacy')).text()).toContain('Invoices are kept when your bookings are deleted, and after you ask us to erase');
  });
});
