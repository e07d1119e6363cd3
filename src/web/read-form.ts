// The one form reader: every HTML form is read here, with the area's Zod schema, and answers in one shape.
// A body that cannot be parsed at all (a broken multipart body, a wrong content type) is no 500: it comes
// back as a form-level error the page shows, and the handler answers 400 and changes nothing.
import type { Context } from 'hono';
import type { z } from 'zod';
import { type FieldErrors, formErrors } from './components/forms.tsx';

/** What a form sent: one string per field, or every value of a field the form repeats. Files are dropped. */
export type FormValues = Record<string, string | string[]>;

export type FormRead<T> =
  | { ok: true; data: T; values: FormValues }
  /** status: 400 when the body could not be read at all, 422 when a field is not valid. */
  | { ok: false; errors: FieldErrors; values: FormValues; status: 400 | 422 };

export const MALFORMED_FORM = 'We could not read what was sent. Please fill in the form again.';

/** One value of a field (the first, when a form repeats it). */
export const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
/** Every value of a field. */
export const all = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** The raw values of a form body, or undefined when the body cannot be parsed. */
export async function readFormValues(c: Context): Promise<FormValues | undefined> {
  return (await parseForm(c))?.values;
}

/** The body's text fields, and its parts that are not text (files) by name; undefined when it cannot be parsed. */
async function parseForm(c: Context): Promise<{ values: FormValues; others: Map<string, unknown> } | undefined> {
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    return undefined;
  }
  const values: FormValues = {};
  const others = new Map<string, unknown>();
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') values[k] = v;
    else if (Array.isArray(v)) values[k] = v.filter((x): x is string => typeof x === 'string');
    else others.set(k, v);
  }
  return { values, others };
}

export interface ReadFormOptions {
  /** Fields the schema takes as arrays (checkbox groups); every other field is given its first value. */
  arrays?: readonly string[];
}

/**
 * Reads the form and parses it with the schema. Field errors come back as the first message per field
 * (`_form` for the form as a whole), in the shape the ErrorSummary and the fields render.
 */
export async function readForm<S extends z.ZodType>(c: Context, schema: S, options: ReadFormOptions = {}): Promise<FormRead<z.output<S>>> {
  const values = await readFormValues(c);
  if (!values) return { ok: false, errors: { _form: MALFORMED_FORM }, values: {}, status: 400 };
  const arrays = new Set(options.arrays ?? []);
  const input: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(values)) input[k] = arrays.has(k) ? all(v) : one(v);
  for (const name of arrays) input[name] ??= [];
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: formErrors(parsed.error.issues), values, status: 422 };
  return { ok: true, data: parsed.data, values };
}

/** Uploads of one file beside the form fields: at most this much in one request (the use case sets the real limit). */
export const UPLOAD_BODY_LIMIT = 12 * 1024 * 1024;

/**
 * A form with one file field (multipart): the other fields' values and the file's bytes (empty when no
 * file was chosen), or undefined when the body cannot be parsed. Only the file's content is read: its name
 * and the type the browser claims are ignored.
 */
export async function readUpload(c: Context, field: string): Promise<{ values: FormValues; bytes: Uint8Array } | undefined> {
  const form = await parseForm(c);
  if (!form) return undefined;
  const file = form.others.get(field);
  return { values: form.values, bytes: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(0) };
}
