// The practice as its pages, e-mails and rules see it: name, contact details, zone, urgent-help lines and
// the change rule's window. Stored by src/db/repositories/practice.ts; edited by the admin.

import type { LogoRef } from './images.ts';

export interface UrgentHelpLine {
  name: string;
  number: string;
  detail: string;
  kind: 'call' | 'text';
}

export interface PracticeSettings {
  name: string;
  phone: string;
  email: string;
  address: string;
  timeZone: string;
  openingHours: string;
  urgentHelp: UrgentHelpLine[];
  lateCancellationHours: number;
  reminderHours: number;
  guideReviewedBy: string;
  guideReviewedOn: string;
  /** An uploaded logo; unset, the practice's name is set as a mark. */
  logo?: LogoRef | null;
}
