// How a therapist's fee reads on the directory cards and their profile: domain/fees.ts's answer in words.
import { fromWords, therapistFee } from '../../domain/fees.ts';
import type { Service, Therapist } from '../../domain/types.ts';

/** "£90 a session", "from £75 a session", or "Free consultations only" (no paid service offered). */
export function therapistFeeText(therapist: Pick<Therapist, 'serviceIds' | 'serviceFees' | 'currency'>, services: readonly Service[]): string {
  const fee = therapistFee(therapist, services);
  if (!fee || fee.kind === 'free') return 'Free consultations only';
  return `${fromWords(fee).replace(/^f/, 'F')} a session`;
}
