// The therapist's side: the week, bookings, hours, profile and calendar feed.

import { bookingPage, cancelSubmit, markSubmit } from './booking-detail.tsx';
import { calendarCreate, calendarFeed, calendarPage, calendarRevoke } from './calendar.tsx';
import { clientRecordPage } from './client-record.tsx';
import { hoursPage } from './hours.tsx';
import { dateRemoveSubmit, dateSubmit, timeOffRemoveSubmit, timeOffSubmit, weeklySubmit } from './hours-submit.tsx';
import { issueSubmit, paidSubmit, voidSubmit } from './invoices.tsx';
import { profilePage, profilePhotoRemove, profilePhotoSubmit, profilePreviewPage, profileSubmit } from './profile.tsx';
import type { Register } from './routes.tsx';
import { schedulePage } from './schedule.tsx';
import { seriesEndSubmit, seriesFormPage, seriesPage, seriesSubmit } from './series.tsx';
import { sessionNotePage, sessionNoteSubmit } from './session-note.tsx';
import { weekPage } from './week.tsx';

export function registerTherapistRoutes(on: Register): void {
  on('get', '/week', weekPage);
  on('get', '/schedule', schedulePage);
  on('get', '/bookings/:id', (c) => bookingPage(c));
  on('post', '/bookings/:id/attended', (c) => markSubmit(c, 'attended'));
  on('post', '/bookings/:id/no-show', (c) => markSubmit(c, 'no_show'));
  on('post', '/bookings/:id/cancel', cancelSubmit);
  on('get', '/bookings/:id/series', (c) => seriesFormPage(c));
  on('post', '/bookings/:id/series', seriesSubmit);
  on('get', '/bookings/:id/note', sessionNotePage);
  on('post', '/bookings/:id/note', sessionNoteSubmit);
  on('get', '/bookings/:id/client', clientRecordPage);
  on('get', '/series/:id', seriesPage);
  on('post', '/series/:id/end', seriesEndSubmit);
  on('post', '/invoices/:id/issue', issueSubmit);
  on('post', '/invoices/:id/paid', paidSubmit);
  on('post', '/invoices/:id/void', voidSubmit);
  on('get', '/hours', hoursPage);
  on('post', '/hours/weekly', weeklySubmit);
  on('post', '/hours/dates', dateSubmit);
  on('post', '/hours/dates/remove', dateRemoveSubmit);
  on('post', '/hours/time-off', timeOffSubmit);
  on('post', '/hours/time-off/remove', timeOffRemoveSubmit);
  on('get', '/profile', profilePage);
  on('post', '/profile', profileSubmit);
  on('get', '/profile/preview', profilePreviewPage);
  on('post', '/profile/photo', profilePhotoSubmit);
  on('post', '/profile/photo/remove', profilePhotoRemove);
  on('get', '/calendar', calendarPage);
  on('post', '/calendar/new', calendarCreate);
  on('post', '/calendar/revoke', calendarRevoke);
  on('get', '/calendar/:file', calendarFeed);
}
