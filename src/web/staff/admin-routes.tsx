// The admin's side: therapists, services, settings, inbox, waiting list, undelivered e-mail, profile
// approvals, audit log and clients' data requests.

import { auditPage } from './admin-audit.tsx';
import { billingPage, billingSubmit } from './admin-billing.tsx';
import { clientsPage, eraseSubmit, exportSubmit, findSubmit } from './admin-clients.tsx';
import { logoRemove, logoSubmit } from './admin-logo.tsx';
import { sendAgainSubmit, undeliveredMailPage } from './admin-mail.tsx';
import { servicePage, serviceSubmit, servicesPage, settingsPage, settingsSubmit } from './admin-practice.tsx';
import { inboxHandledSubmit, inboxItemPage, inboxPage, profileChangesPage, profileDecisionSubmit, waitlistPage } from './admin-records.tsx';
import { adminPreviewPage, adminProfilePage, adminProfileSubmit, listingConfirmPage, listingSubmit } from './admin-therapist-profile.tsx';
import {
  adminHome,
  inviteSubmit,
  resetSecondFactorSubmit,
  therapistAdminPage,
  therapistPhotoRemove,
  therapistPhotoSubmit,
  therapistsPage,
} from './admin-therapists.tsx';
import { movePage, reassignSubmit } from './booking-move.tsx';
import { adminInvoicesPage } from './invoices.tsx';
import type { Register } from './routes.tsx';

export function registerAdminRoutes(on: Register): void {
  on('get', '/admin', adminHome);
  on('get', '/admin/therapists', therapistsPage);
  on('post', '/admin/therapists/invite', inviteSubmit);
  on('get', '/admin/therapists/:id', (c) => therapistAdminPage(c));
  on('post', '/admin/therapists/:id/photo', therapistPhotoSubmit);
  on('post', '/admin/therapists/:id/photo/remove', therapistPhotoRemove);
  on('get', '/admin/therapists/:id/profile', adminProfilePage);
  on('post', '/admin/therapists/:id/profile', adminProfileSubmit);
  on('get', '/admin/therapists/:id/preview', adminPreviewPage);
  on('get', '/admin/therapists/:id/deactivate', (c) => listingConfirmPage(c, 'deactivate'));
  on('post', '/admin/therapists/:id/deactivate', (c) => listingSubmit(c, 'deactivate'));
  on('get', '/admin/therapists/:id/activate', (c) => listingConfirmPage(c, 'activate'));
  on('post', '/admin/therapists/:id/activate', (c) => listingSubmit(c, 'activate'));
  on('post', '/admin/therapists/:id/reset-second-factor', resetSecondFactorSubmit);
  on('get', '/admin/bookings/:id/move', (c) => movePage(c));
  on('post', '/admin/bookings/:id/reassign', reassignSubmit);
  on('get', '/admin/services', servicesPage);
  on('get', '/admin/services/:id', servicePage);
  on('post', '/admin/services/:id', serviceSubmit);
  on('get', '/admin/settings', settingsPage);
  on('post', '/admin/settings', settingsSubmit);
  on('post', '/admin/settings/logo', logoSubmit);
  on('post', '/admin/settings/logo/remove', logoRemove);
  on('get', '/admin/invoices', adminInvoicesPage);
  on('get', '/admin/billing', billingPage);
  on('post', '/admin/billing', billingSubmit);
  on('get', '/admin/profile-changes', profileChangesPage);
  on('post', '/admin/profile-changes/:id/approve', (c) => profileDecisionSubmit(c, true));
  on('post', '/admin/profile-changes/:id/reject', (c) => profileDecisionSubmit(c, false));
  on('get', '/admin/inbox', inboxPage);
  on('get', '/admin/inbox/:id', inboxItemPage);
  on('post', '/admin/inbox/:id/handled', inboxHandledSubmit);
  on('get', '/admin/waitlist', waitlistPage);
  on('get', '/admin/mail', undeliveredMailPage);
  on('post', '/admin/mail/:id/send-again', sendAgainSubmit);
  on('get', '/admin/audit', auditPage);
  on('get', '/admin/clients', clientsPage);
  on('post', '/admin/clients/find', findSubmit);
  on('post', '/admin/clients/export', exportSubmit);
  on('post', '/admin/clients/erase', eraseSubmit);
}
