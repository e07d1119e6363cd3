// How money, lists and people's attributes read on a page.
import { concernName, languageName, type Format } from '../domain/types.ts';

export function formatMoney(minor: number, currency: string): string {
  if (minor === 0) return 'Free';
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: minor % 100 === 0 ? 0 : 2 }).format(minor / 100);
}

export function formatList(items: string[]): string {
  return new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' }).format(items);
}

export const FORMAT_LABELS: Record<Format, string> = { online: 'Online', in_person: 'In person' };

export const formatNames = (formats: Format[]) => formats.map((f) => FORMAT_LABELS[f]);
export const languageNames = (codes: string[]) => codes.map(languageName);
export const concernNames = (ids: string[]) => ids.map(concernName);
