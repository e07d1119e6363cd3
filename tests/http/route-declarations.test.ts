// Every route the app serves is declared in src/web/route-access.ts: public, a capability URL, a signed-in
// client, or staff with the action that decides which role. A new route that is not declared fails here.
import { beforeAll, describe, expect, test } from 'vitest';
import { STAFF_ACTIONS } from '../../src/domain/access.ts';
import { ROUTE_ACCESS } from '../../src/web/route-access.ts';
import { useTestApp } from '../support/app.ts';

const HOW_TO_DECLARE = `
Declare each one in src/web/route-access.ts (ROUTE_ACCESS), keyed "METHOD /full/path/:param" exactly as above:
  'GET /your/page': PUBLIC,                          anyone may use it
  'GET /thing/:token': capability('what the token opens'),   a secret in the URL is the credential
  'GET /companion/…': client('…'),                   a signed-in client (the companion's table is read in there)
  'GET /staff/…': staff('week.read'),                staff only; the action (src/domain/access.ts) says which role
Staff routes are registered through on() in src/web/staff/routes.tsx, which enforces the rule.`;

describe('route declarations', () => {
  let registered: string[];

  const t = useTestApp('sqlite');
  beforeAll(async () => {
    // Middleware shows up as "ALL /prefix/*"; everything else is a route. OpenAPI routes appear once per
    // validator, so the list is de-duplicated.
    registered = [...new Set(t.app.routes.filter((r) => !(r.method === 'ALL' && r.path.endsWith('*'))).map((r) => `${r.method} ${r.path}`))].sort();
  });

  test('the app has routes to check (the walk works)', () => {
    expect(registered).toContain('GET /');
    expect(registered).toContain('GET /staff/login');
    expect(registered).toContain('GET /api/v1/therapists/:id/slots');
    expect(registered).toContain('GET /staff/schedule');
    expect(registered).toContain('POST /staff/hours/time-off');
  });

  test('every route is declared public or restricted', () => {
    const undeclared = registered.filter((key) => !(key in ROUTE_ACCESS));
    expect(undeclared, `Undeclared routes:\n  ${undeclared.join('\n  ')}\n${HOW_TO_DECLARE}`).toEqual([]);
  });

  test('every declaration names a route that exists (no stale entries)', () => {
    const stale = Object.keys(ROUTE_ACCESS).filter((key) => !registered.includes(key));
    expect(stale, `Declared in src/web/route-access.ts but not served by the app; remove or fix them:\n  ${stale.join('\n  ')}`).toEqual([]);
  });

  test('staff routes are all under /staff and name a known action; nothing under /staff is open but sign-in, reset, invitation and the feed', () => {
    for (const [key, rule] of Object.entries(ROUTE_ACCESS)) {
      const path = key.split(' ')[1]!;
      if (rule.kind === 'staff') {
        expect(path.startsWith('/staff'), key).toBe(true);
        expect(STAFF_ACTIONS as readonly string[], key).toContain(rule.action);
      }
      if (path.startsWith('/staff') && rule.kind !== 'staff') {
        expect(key).toMatch(/^(GET|POST) \/staff\/(login|password-reset|password-reset\/:token|invitation\/:token|calendar\/:file)$/);
      }
      if (path.startsWith('/api/') || path === '/healthz') expect(rule.kind === 'public' || rule.kind === 'capability', key).toBe(true);
    }
  });
});
