// What a message is before it goes into the outbox (src/usecases/outbox.ts writes it, sealed, in the same
// transaction as the change it reports; src/jobs/outbox-worker.ts sends it after commit).

export interface Attachment {
  filename: string;
  contentType: string;
  /** UTF-8 text content (calendar invites, exports), or base64 when `encoding` says so (a PDF). */
  content: string;
  encoding?: 'base64';
}

export interface OutgoingMail {
  /** What the message is, for logs and retries: "booking-confirmation", "contact-message", … */
  kind: string;
  to: string;
  subject: string;
  text: string;
  attachments?: Attachment[];
}

/** Strips CR/LF (and other control characters) from anything that goes into a header. */
export function headerSafe(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}
