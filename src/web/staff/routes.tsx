// The staff side, mounted at /staff. Every route is registered through on(), which looks the route up in
// src/web/route-access.ts (an undeclared route stops the app at start-up) and puts the access check in
// front of the handler: decide() from src/domain/access.ts, deny by default.
import { type Handler, Hono } from 'hono';
import { ruleFor } from '../route-access.ts';
import { accountPage, factorSubmit, passwordSubmit, recoveryCodesSubmit, signOutAll, signOutOthers } from './account.tsx';
import { registerAdminRoutes } from './admin-routes.tsx';
import { guard } from './guard.ts';
import { keptPage } from './kept.tsx';
import { resetRequestPage, resetRequestSubmit, tokenPage, tokenSubmit } from './password-links.tsx';
import { currentUser, loadActor, type StaffEnv } from './session.ts';
import { codePage, codeSubmit, loginPage, loginRecoverySubmit, loginSubmit, logout, setupPage, setupSubmit } from './sign-in.tsx';
import { registerTherapistRoutes } from './therapist-routes.tsx';

export const STAFF_PREFIX = '/staff';

export type Register = (method: 'get' | 'post', path: string, handler: Handler<StaffEnv>) => void;

export function staffRoutes() {
  const app = new Hono<StaffEnv>();
  app.use('*', loadActor);

  const on: Register = (method, path, handler) => {
    const full = path === '/' ? STAFF_PREFIX : `${STAFF_PREFIX}${path}`;
    const rule = ruleFor(method, full);
    if (!rule) throw new Error(`${method.toUpperCase()} ${full} is not declared in src/web/route-access.ts`);
    app.on(method.toUpperCase(), path, guard(rule), handler);
  };

  on('get', '/', (c) => {
    const user = currentUser(c);
    return c.redirect(user.therapistId ? '/staff/week' : '/staff/admin', 303);
  });

  on('get', '/login', loginPage);
  on('post', '/login', loginSubmit);
  on('get', '/login/code', codePage);
  on('post', '/login/code', codeSubmit);
  on('post', '/login/recovery', loginRecoverySubmit);
  on('get', '/two-factor', setupPage);
  on('post', '/two-factor', setupSubmit);
  on('post', '/logout', logout);
  on('get', '/password-reset', resetRequestPage);
  on('post', '/password-reset', resetRequestSubmit);
  on('get', '/password-reset/:token', (c) => tokenPage(c, 'reset'));
  on('post', '/password-reset/:token', (c) => tokenSubmit(c, 'reset'));
  on('get', '/invitation/:token', (c) => tokenPage(c, 'invite'));
  on('post', '/invitation/:token', (c) => tokenSubmit(c, 'invite'));

  on('get', '/kept', keptPage);
  on('get', '/account', accountPage);
  on('post', '/account/password', passwordSubmit);
  on('post', '/account/two-factor', factorSubmit);
  on('post', '/account/recovery-codes', recoveryCodesSubmit);
  on('post', '/account/sessions/sign-out-others', signOutOthers);
  on('post', '/account/sessions/sign-out-all', signOutAll);

  registerTherapistRoutes(on);
  registerAdminRoutes(on);
  return app;
}
