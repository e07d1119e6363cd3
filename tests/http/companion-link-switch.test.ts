// Issue 15, L4: a sign-in link opened by someone already signed in names the account it is for and does
// not silently swap them into it: switching needs an explicit yes.
import { describe, expect, test } from 'vitest';
import { useTestApp } from '../support/app.ts';
import { fixedClock } from '../support/booking.ts';
import { askForSignInLink, clientBrowser, signInClient } from '../support/companion.ts';
import { DIALECTS } from '../support/databases.ts';

describe.each(DIALECTS)('a sign-in link opened while signed in as someone else (%s)', (dialect) => {
  const t = useTestApp(dialect, { clock: fixedClock('2027-03-01T08:00:00Z') });

  test('the page names the address; without the switch box nothing changes; with it, the new account signs in', async () => {
    // B has an account; A is signed in on this device and opens B's link (forwarded, or sent by a partner).
    await signInClient(t, 'bea@example.test');
    const a = await signInClient(t, 'ali@example.test');
    const linkForBea = await askForSignInLink(t, clientBrowser(t, 'bea@example.test'));
    const aCookie = a.cookie;

    const page = await a.get(linkForBea);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('This link is for <strong>bea@example.test</strong>');
    expect(html).toContain('You are signed in as someone else on this device');

    const refused = await a.post(linkForBea, {});
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Tick the box to sign out of the account you are using now');
    expect(a.cookie).toBe(aCookie);
    expect(await (await a.get('/companion/account')).text()).toContain('ali@example.test');

    const switched = await a.post(linkForBea, { switch: 'yes' });
    expect(switched.status).toBe(303);
    expect(a.cookie).not.toBe(aCookie);
    const account = await (await a.get('/companion/account')).text();
    expect(account).toContain('bea@example.test');
    expect(account).not.toContain('ali@example.test');
  });

  test('signed in as the same person, or not at all, the link signs in without the extra question', async () => {
    const b = await signInClient(t, 'same@example.test');
    const again = await askForSignInLink(t, b);
    expect(await (await b.get(again)).text()).not.toContain('You are signed in as someone else');
    expect((await b.post(again, {})).status).toBe(303);
  });
});
