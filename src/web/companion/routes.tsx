// The companion's routes under /companion. Each is declared with who may use it:
//   public  - anyone (the front page, signing in, an invitation link);
//   client  - a signed-in companion client (their own account and circles list);
//   member  - a member of the circle in the path, decided by circleAccess, the one access function.
// Anything else is refused by default: a circle route without membership is a 404, as is a circle that does
// not exist, so the two cannot be told apart.
import { type Handler, Hono } from 'hono';
import {
  accountPage,
  completeSignIn,
  confirmSignInPage,
  deleteAccount,
  exportData,
  keptPage,
  quickExit,
  requestSignInLink,
  signInPage,
  signOut,
} from './pages/account.tsx';
import { checkInPage, saveCheckIn, saveDraft } from './pages/check-in.tsx';
import { cancelInvite, changeSchedule, circleSettings, leaveCircle, leavePage, sendInvite } from './pages/circle-settings.tsx';
import { circleOverview, companionHome, startCircle, startCirclePage } from './pages/circles.tsx';
import { acceptInvitation, invitationPage } from './pages/invitation.tsx';
import { addNote, addPromise, deleteNote, deletePromise, exercisePage, exercisesPage, jarPage, markPromise, promisesPage } from './pages/together.tsx';
import { trendsPage } from './pages/trends.tsx';
import { weekPage } from './pages/week-answers.tsx';
import { type CompanionContext, type CompanionEnv, circleAccess, loadClient, notFound, signInRedirect } from './session.ts';

export type Access = 'public' | 'client' | 'member';

export interface CompanionRoute {
  method: 'GET' | 'POST';
  /** Relative to /companion. */
  path: string;
  access: Access;
  handler: (c: CompanionContext) => Response | Promise<Response>;
}

const CIRCLE = '/circles/:circleId';

export const COMPANION_ROUTES: CompanionRoute[] = [
  { method: 'GET', path: '/', access: 'public', handler: companionHome },
  { method: 'GET', path: '/sign-in', access: 'public', handler: signInPage },
  { method: 'POST', path: '/sign-in', access: 'public', handler: requestSignInLink },
  { method: 'GET', path: '/sign-in/:token', access: 'public', handler: confirmSignInPage },
  { method: 'POST', path: '/sign-in/:token', access: 'public', handler: completeSignIn },
  { method: 'GET', path: '/invites/:token', access: 'public', handler: (c) => invitationPage(c) },
  { method: 'POST', path: '/invites/:token', access: 'public', handler: acceptInvitation },

  { method: 'POST', path: '/sign-out', access: 'client', handler: signOut },
  { method: 'GET', path: '/kept', access: 'client', handler: keptPage },
  { method: 'GET', path: '/quick-exit', access: 'public', handler: quickExit },
  { method: 'GET', path: '/start', access: 'client', handler: startCirclePage },
  { method: 'POST', path: '/start', access: 'client', handler: startCircle },
  { method: 'GET', path: '/account', access: 'client', handler: accountPage },
  { method: 'GET', path: '/account/export', access: 'client', handler: exportData },
  { method: 'POST', path: '/account/delete', access: 'client', handler: deleteAccount },

  { method: 'GET', path: CIRCLE, access: 'member', handler: circleOverview },
  { method: 'GET', path: `${CIRCLE}/check-in`, access: 'member', handler: (c) => checkInPage(c) },
  { method: 'POST', path: `${CIRCLE}/check-in`, access: 'member', handler: saveCheckIn },
  { method: 'POST', path: `${CIRCLE}/check-in/draft`, access: 'member', handler: saveDraft },
  { method: 'GET', path: `${CIRCLE}/weeks/:weekId`, access: 'member', handler: weekPage },
  { method: 'GET', path: `${CIRCLE}/trends`, access: 'member', handler: trendsPage },
  { method: 'GET', path: `${CIRCLE}/promises`, access: 'member', handler: (c) => promisesPage(c) },
  { method: 'POST', path: `${CIRCLE}/promises`, access: 'member', handler: addPromise },
  { method: 'POST', path: `${CIRCLE}/promises/:promiseId`, access: 'member', handler: markPromise },
  { method: 'POST', path: `${CIRCLE}/promises/:promiseId/delete`, access: 'member', handler: deletePromise },
  { method: 'GET', path: `${CIRCLE}/jar`, access: 'member', handler: (c) => jarPage(c) },
  { method: 'POST', path: `${CIRCLE}/jar`, access: 'member', handler: addNote },
  { method: 'POST', path: `${CIRCLE}/jar/:noteId/delete`, access: 'member', handler: deleteNote },
  { method: 'GET', path: `${CIRCLE}/exercises`, access: 'member', handler: exercisesPage },
  { method: 'GET', path: `${CIRCLE}/exercises/:exerciseId`, access: 'member', handler: exercisePage },
  { method: 'GET', path: `${CIRCLE}/settings`, access: 'member', handler: circleSettings },
  { method: 'POST', path: `${CIRCLE}/invite`, access: 'member', handler: sendInvite },
  { method: 'POST', path: `${CIRCLE}/invite/:inviteId/cancel`, access: 'member', handler: cancelInvite },
  { method: 'POST', path: `${CIRCLE}/schedule`, access: 'member', handler: changeSchedule },
  { method: 'GET', path: `${CIRCLE}/leave`, access: 'member', handler: leavePage },
  { method: 'POST', path: `${CIRCLE}/leave`, access: 'member', handler: leaveCircle },
];

function guarded(route: CompanionRoute): Handler<CompanionEnv> {
  switch (route.access) {
    case 'public':
      return (c) => route.handler(c);
    case 'client':
      return (c) => (c.var.client ? route.handler(c) : signInRedirect(c));
    case 'member':
      return async (c) => {
        if (!c.var.client) return signInRedirect(c);
        const membership = await circleAccess(c);
        if (!membership) return notFound(c);
        c.set('membership', membership);
        return route.handler(c);
      };
  }
}

export function companionRoutes() {
  const app = new Hono<CompanionEnv>();
  app.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use(loadClient);
  for (const route of COMPANION_ROUTES) {
    if (route.method === 'GET') app.get(route.path, guarded(route));
    else app.post(route.path, guarded(route));
  }
  return app;
}
