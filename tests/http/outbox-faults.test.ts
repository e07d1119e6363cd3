// The outbox under faults (issue 15): a slow mail server with two workers sends each message once (B4); a
// message keeps its Message-ID on every try (B5); a stopping process gives back what it claimed (B6); a
// server's error text never stores the client's address (L3).
import type { Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTransport, drainOutbox, messageIdOf } from '../../src/jobs/outbox-worker.ts';
import { enqueueMails } from '../../src/usecases/outbox.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { type Inbox, startInbox } from '../support/smtp.ts';

describe.each(DIALECTS)('the outbox under faults on %s', (dialect) => {
  let t: TestApp;
  let inbox: Inbox;
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const transports: Transporter[] = [];
  const transport = () => {
    const tr = createTransport(inbox.url);
    transports.push(tr);
    return tr;
  };
  beforeAll(async () => {
    inbox = await startInbox();
    t = await startTestApp(dialect, { clock, env: { SMTP_URL: inbox.url, MAIL_FROM: 'bookings@closer.example' } });
  });
  afterAll(async () => {
    for (const tr of transports) tr.close();
    await t?.stop();
    await inbox?.close();
  });

  const queue = (prefix: string, n: number, to = (i: number) => `${prefix}${i}@example.test`) =>
    enqueueMails(
      t.deps.database.db,
      Array.from({ length: n }, (_, i) => ({ kind: 'test', to: to(i), subject: `${prefix} ${i}`, text: 'x' })),
      clock.now(),
      t.deps.encryptor,
    );
  const outboxRows = (ids: string[]) => t.deps.database.db.selectFrom('outbox').selectAll().where('id', 'in', ids).execute();

  test('two workers and a server taking 50 s a message: every message arrives once (B4)', async () => {
    const ids = await queue('slow', 10);
    const before = inbox.messages.length;
    inbox.beforeAccept = () => {
      clock.t += 50_000;
    };
    try {
      let aDone = false;
      const a = drainOutbox(t.deps, transport(), 20, { claimId: 'worker-a' }).finally(() => {
        aDone = true;
      });
      const b = transport();
      while (!aDone) {
        await drainOutbox(t.deps, b, 20, { claimId: 'worker-b' });
        await new Promise((r) => setTimeout(r, 5));
      }
      await a;
      await drainOutbox(t.deps, b, 20, { claimId: 'worker-b' });
    } finally {
      inbox.beforeAccept = undefined;
    }
    const arrived = inbox.messages.slice(before).map((m) => m.messageId);
    expect(arrived.length).toBe(10);
    expect(new Set(arrived).size).toBe(10);
    expect(new Set(arrived)).toEqual(new Set(ids.map((id) => messageIdOf(id, t.deps.config.publicUrl))));
    expect((await outboxRows(ids)).every((r) => r.status === 'sent' && r.claim_id === null)).toBe(true);
  });

  test('the Message-ID is the outbox row, the same when a message is sent again after a crash (B5)', async () => {
    const [id] = await queue('again', 1);
    const tr = transport();
    await drainOutbox(t.deps, tr, 20, { claimId: 'worker-c' });
    const first = inbox.messages.at(-1)!;
    expect(first.messageId).toBe(`<${id}@127.0.0.1>`);
    // As if the process died after the server accepted it and before the row said "sent".
    await t.deps.database.db.updateTable('outbox').set({ status: 'pending', claimed_until: 0, claim_id: null, sent_at: null }).where('id', '=', id!).execute();
    await drainOutbox(t.deps, tr, 20, { claimId: 'worker-d' });
    expect(inbox.messages.at(-1)!.messageId).toBe(first.messageId);
  });

  test('a refused address is not kept in the stored error (L3)', async () => {
    inbox.refuse.add('nobody-here@example.test');
    const [id] = await queue('refused', 1, () => 'nobody-here@example.test');
    await drainOutbox(t.deps, transport(), 20, { claimId: 'worker-e' });
    const [row] = await outboxRows([id!]);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toContain('[address]');
    expect(row!.last_error).not.toContain('nobody-here');
    expect(JSON.stringify(t.logs)).not.toContain('nobody-here');
    await t.deps.database.db.deleteFrom('outbox').where('id', '=', id!).execute();
  });

  test('a stopping process finishes the message in hand and gives back the rest of its claim (B6)', async () => {
    const ids = await queue('stop', 4);
    // The stop comes while the first message is with the mail server (which takes 300 ms to accept it),
    // however long a loaded machine takes to get there.
    let sending!: () => void;
    const firstInHand = new Promise<void>((r) => {
      sending = r;
    });
    inbox.beforeAccept = () => {
      sending();
      return new Promise((r) => setTimeout(r, 300));
    };
    const ticking = t.jobs.tick();
    await firstInHand;
    await t.jobs.stop();
    await ticking;
    inbox.beforeAccept = undefined;
    const rows = await outboxRows(ids);
    const sent = rows.filter((r) => r.status === 'sent');
    const left = rows.filter((r) => r.status === 'pending');
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(left.length).toBeGreaterThanOrEqual(1);
    // Due again at once for any process: no claim left behind to wait out.
    for (const r of left) expect(r).toMatchObject({ claimed_until: 0, claim_id: null });
  });
});
