// After signing in: what was typed into a form when the session had ended, offered once (web/kept-work.tsx).
import { KeptFormOffer, takeKeptFormHere } from '../kept-work.tsx';
import { staffPage } from './layout.tsx';
import type { StaffContext } from './session.ts';

export async function keptPage(c: StaffContext) {
  const kept = await takeKeptFormHere(c, 'staff');
  return staffPage(c, { title: kept ? 'Send what you typed again?' : 'Nothing is waiting to be sent' }, <KeptFormOffer kept={kept} leave="/staff" />);
}
