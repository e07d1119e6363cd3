// How money, lists and people's attributes read on a page.
import { concernName, type Format, type Gender, languageName } from '../domain/types.ts';

// Intl formatters are costly to build and cheap to reuse.
const moneyFormats = new Map<string, Intl.NumberFormat>();
const listFormat = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });

export function formatMoney(minor: number, currency: string): string {
  if (minor === 0) return 'Free';
  const whole = minor % 100 === 0;
  const key = `${currency}:${whole}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: whole ? 0 : 2 });
    moneyFormats.set(key, format);
  }
  return format.format(minor / 100);
}

export function formatList(items: string[]): string {
  return listFormat.format(items);
}

export const FORMAT_LABELS: Record<Format, string> = { online: 'Online', in_person: 'In person' };

/** How a therapist describes their gender, as a choice on the staff side. */
export const GENDER_NAMES: Record<Gender, string> = { woman: 'Woman', man: 'Man', non_binary: 'Non-binary' };

export const formatNames = (formats: Format[]) => formats.map((f) => FORMAT_LABELS[f]);
export const languageNames = (codes: string[]) => codes.map(languageName);
export const concernNames = (ids: string[]) => ids.map(concernName);
