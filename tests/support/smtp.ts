// A real SMTP server in the test process: what the app sends arrives here, parsed.

import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Inbox {
  url: string;
  messages: ParsedMail[];
  /** Refuse every message with a 451 (a failing mail server) until set back to false. */
  failing: boolean;
  /** Called as each message arrives, before it is accepted (a slow server waits here). */
  beforeAccept?: () => Promise<void> | void;
  /** Recipients refused with a 550 that quotes the address, as real servers do. */
  refuse: Set<string>;
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startInbox(): Promise<Inbox> {
  const messages: ParsedMail[] = [];
  const inbox: Inbox = {
    url: '',
    messages,
    failing: false,
    refuse: new Set(),
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (inbox.refuse.has(address.address)) return callback(Object.assign(new Error(`No such user here: <${address.address}>`), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      if (inbox.failing) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then(
        async (mail) => {
          await inbox.beforeAccept?.();
          messages.push(mail);
          callback();
        },
        (error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  inbox.url = `smtp://127.0.0.1:${port}`;
  return inbox;
}

/** The first recipient's address as text. */
export const recipient = (m: ParsedMail): string | undefined => (Array.isArray(m.to) ? m.to[0]?.text : m.to?.text);
