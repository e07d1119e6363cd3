// The therapist's side: the week, bookings, hours, profile and calendar feed.
import { calendarCreate, calendarFeed, calendarPage, calendarRevoke } from './calendar.tsx';
import { dateRemoveSubmit, dateSubmit, hoursPage, weeklySubmit } from './hours.tsx';
import { profilePage, profilePhotoRemove, profilePhotoSubmit, profilePreviewPage, profileSubmit } from './profile.tsx';
import type { Register } from './routes.tsx';
import { bookingPage, cancelSubmit, markSubmit, weekPage } from './week.tsx';

export function registerTherapistRoutes(on: Register): void {
  on('get', '/week', weekPage);
  on('get', '/bookings/:id', (c) => bookingPage(c));
  on('post', '/bookings/:id/attended', (c) => markSubmit(c, 'attended'));
  on('post', '/bookings/:id/no-show', (c) => markSubmit(c, 'no_show'));
  on('post', '/bookings/:id/cancel', cancelSubmit);
  on('get', '/hours', hoursPage);
  on('post', '/hours/weekly', weeklySubmit);
  on('post', '/hours/dates', dateSubmit);
  on('post', '/hours/dates/remove', dateRemoveSubmit);
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
