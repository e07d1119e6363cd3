// A therapist's profile over HTTP, on both databases: an invitee starts with nothing and unlisted; the
// editor (the therapist's own and the admin's for anyone) checks each field; the publish checklist refuses
// listing until the profile is complete; listing and deactivating ask first; per-service fees are what the
// public pages say and what booking charges; a new service price reaches those who charge it.
import { beforeAll, describe, expect, test } from 'vitest';
import { useTestApp } from '../support/app.ts';
import { demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';
import { fileOlderProfileChange, formState, getAs, postAs, postBody, signInAdmin, signInTherapist } from '../support/staff.ts';

type ApiTherapist = { id: string; slug: string; bio: string; fees: { serviceId: string; feeMinor: number }[]; accreditations: string[] };

describe.each(DIALECTS)('therapist profiles on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const t = useTestApp(dialect, { clock });
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let cookie: string;
  const listed = async () => ((await (await t.request('/api/v1/therapists')).json()) as { therapists: ApiTherapist[] }).therapists;

  beforeAll(async () => {
    ids = await demoIds(t);
    ({ cookie } = await signInAdmin(t, clock));
  });

  test('an invitee starts unlisted with no services; listing is refused until the profile is complete, then asks first', async () => {
    const invited = await postAs(t, cookie, '/staff/admin/therapists/invite', {
      therapistId: 'new',
      email: 'noor@staff.example',
      name: 'Noor Haddad',
      gender: 'woman',
    });
    expect(invited.status).toBe(303);
    const noor = await t.deps.database.db.selectFrom('therapists').select(['id', 'fee_minor']).where('name', '=', 'Noor Haddad').executeTakeFirstOrThrow();
    expect(noor.fee_minor).toBe(0);
    const base = `/staff/admin/therapists/${noor.id}`;

    const editor = await (await getAs(t, cookie, `${base}/profile`)).text();
    // Online is ticked for someone new; everything else listing needs is still to do.
    expect(editor).toContain('8 things still to do before listing');
    expect(editor).not.toMatch(/name="service"[^>]*checked/);

    // Asked to list: the checklist, and no way to confirm.
    const asked = await getAs(t, cookie, `${base}/activate`);
    expect(asked.status).toBe(422);
    const askedText = await asked.text();
    expect(askedText).toContain('Noor Haddad’s profile is not complete yet');
    expect(askedText).not.toContain('Yes, list and activate');

    // Each field says what is wrong with it; nothing is saved.
    const couples = ids.service('couples-counselling');
    const individual = ids.service('individual-therapy');
    const bad = await postAs(t, cookie, `${base}/profile`, {
      bio: 'Too short',
      approach: 'Brief',
      years: 'many',
      service: couples,
      [`fee-${couples}`]: 'lots',
      [`fee-${individual}`]: '80',
      'registration-0': '12345',
      'accreditation-1': 'x'.repeat(121),
      languages: 'xx',
      formats: 'carrier-pigeon',
    });
    expect(bad.status).toBe(422);
    const badText = await bad.text();
    for (const message of [
      'Write at least a sentence or two (20 characters or more)',
      'Say a little more about how you work',
      'Enter whole years in practice, like 8',
      'Enter the fee in pounds, like 75 or 72.50, or leave it empty to charge the service’s price (£95)',
      'Tick “Individual therapy” to offer it at this fee, or clear the fee',
      'Name the body this registration number is with',
      'Keep the name under 120 characters',
      'Choose languages from the list',
      'Choose online, in person, or both',
    ])
      expect(badText).toContain(message);
    expect(badText).toContain('<div class="error-summary"');
    expect(badText).toContain(`href="#f-fee-${couples}"`);

    // Half a profile may be saved while it is being written; still unlisted.
    expect((await postAs(t, cookie, `${base}/profile`, { bio: 'Noor works with couples who feel they have become flatmates.' })).status).toBe(303);
    expect((await listed()).map((x) => x.id)).not.toContain(noor.id);
    const preview = await (await getAs(t, cookie, `${base}/preview`)).text();
    expect(preview).toContain('Noor works with couples');
    expect(preview).not.toContain('Works with .');
    expect(preview).not.toContain('0 years in practice');
    expect(preview).not.toMatch(/Works with\s*</);

    // The whole profile, through the editor's own form.
    const fields = formState(await (await getAs(t, cookie, `${base}/profile`)).text(), `${base}/profile`);
    fields.append('service', couples);
    fields.set(`fee-${couples}`, '85');
    fields.append('service', individual);
    fields.set(`fee-${individual}`, '');
    fields.set('approach', 'Emotionally focused therapy, with small experiments at home.');
    fields.set('accreditation-0', 'COSRT Accredited');
    fields.set('registration-0', 'C-12345');
    fields.set('years', '6');
    fields.append('relationships', 'couple');
    fields.append('relationships', 'individual');
    fields.append('concerns', 'trust-issues');
    fields.append('languages', 'en');
    fields.append('languages', 'ar');
    fields.append('formats', 'online');
    expect((await postBody(t, cookie, `${base}/profile`, fields)).status).toBe(303);
    const complete = await (await getAs(t, cookie, `${base}/profile`)).text();
    expect(complete.match(/<section class="checklist"[\s\S]*?<\/section>/)?.[0]).toContain('Everything listing needs is here.');
    const shown = await (await getAs(t, cookie, `${base}/preview`)).text();
    for (const words of ['COSRT Accredited (registration no. C-12345)', '6 years in practice', 'Works with couples and individuals', 'From £75 a session'])
      expect(shown).toContain(words);

    // Listing says what it does and asks; without the confirmation nothing happens.
    const ask = await (await getAs(t, cookie, `${base}/activate`)).text();
    expect(ask).toContain('will appear in the directory, in matching and on the services’ booking pages, and clients can book them straight away');
    expect((await postAs(t, cookie, `${base}/activate`)).status).toBe(200);
    expect((await listed()).map((x) => x.id)).not.toContain(noor.id);
    const done = await postAs(t, cookie, `${base}/activate`, { confirm: 'yes' });
    expect(done.headers.get('location')).toBe(`${base}?done=activated`);
    const api = (await listed()).find((x) => x.id === noor.id)!;
    expect(api.fees).toEqual(
      expect.arrayContaining([
        { serviceId: couples, feeMinor: 8500, currency: 'GBP' },
        { serviceId: individual, feeMinor: 7500, currency: 'GBP' },
      ]),
    );
    expect(api.accreditations).toEqual(['COSRT Accredited (registration no. C-12345)']);

    // A new price for individual therapy reaches Noor (who charges the service's price), and the admin is told so.
    const service = formState(await (await getAs(t, cookie, `/staff/admin/services/${individual}`)).text(), `/staff/admin/services/${individual}`);
    service.set('price', '82');
    const saved = await postBody(t, cookie, `/staff/admin/services/${individual}`, service);
    const said = await (await getAs(t, cookie, saved.headers.get('location')!)).text();
    expect(said).toContain(
      'Individual therapy now costs £82 (it was £75). New bookings with the 1 listed therapist who charges the service’s price cost that from now on',
    );
    expect((await listed()).find((x) => x.id === noor.id)!.fees).toContainEqual({ serviceId: individual, feeMinor: 8200, currency: 'GBP' });
    const profile = await (await t.request('/therapists/noor-haddad')).text();
    expect(profile).toMatch(/Individual therapy<\/a> \(50\s+minutes, £82\)/);

    // A listed profile must stay complete.
    const emptied = await postAs(t, cookie, `${base}/profile`, { bio: 'Noor works with couples who feel they have become flatmates.' });
    expect(emptied.status).toBe(422);
    expect(await emptied.text()).toContain('A listed profile must stay complete');
  });

  test('a therapist edits their own profile only; with approval on, their change waits, and an older-shaped change keeps the services', async () => {
    const tomasz = ids.therapist('tomasz-nowak');
    const priya = ids.therapist('priya-shah');
    const { cookie: his } = await signInTherapist(t, clock, { email: 'tomasz@staff.example', therapistId: tomasz });
    const page = await (await getAs(t, his, '/staff/profile')).text();
    expect(page).toContain('Your listed profile');
    expect(page).toContain('href="/staff/profile/preview"');
    const fields = formState(page, '/staff/profile');
    fields.set('bio', 'Tomasz sees families who keep having the same painful conversation, and helps them have a new one.');
    // A therapist id in the form changes nothing: whose profile is decided by the session.
    fields.set('therapistId', priya);
    expect((await postBody(t, his, '/staff/profile', fields)).headers.get('location')).toBe('/staff/profile?done=saved');
    const api = await listed();
    expect(api.find((x) => x.id === tomasz)!.bio).toContain('helps them have a new one');
    expect(api.find((x) => x.id === priya)!.bio).not.toContain('helps them have a new one');
    expect((await getAs(t, his, `/staff/admin/therapists/${priya}/profile`)).status).toBe(403);
    expect((await postBody(t, his, `/staff/admin/therapists/${priya}/profile`, fields)).status).toBe(403);
    expect((await getAs(t, his, '/staff/profile/preview')).status).toBe(200);

    // A change filed before per-service fees (no services in it), approved: the services stay as they were.
    const before = await t.deps.database.db
      .selectFrom('therapist_services')
      .select(['service_id', 'fee_minor'])
      .where('therapist_id', '=', tomasz)
      .orderBy('service_id')
      .execute();
    const change = await fileOlderProfileChange(t, tomasz, 'user:someone', {
      bio: 'An older change, written before fees were per service.',
      approach: 'Systemic.',
      concerns: ['family-conflict'],
    });
    expect((await postAs(t, cookie, `/staff/admin/profile-changes/${change}/approve`)).headers.get('location')).toContain('done=approved');
    const after = await t.deps.database.db
      .selectFrom('therapist_services')
      .select(['service_id', 'fee_minor'])
      .where('therapist_id', '=', tomasz)
      .orderBy('service_id')
      .execute();
    expect(after).toEqual(before);
    expect((await listed()).find((x) => x.id === tomasz)!.bio).toBe('An older change, written before fees were per service.');
  });

  test('a listed therapist cannot empty their own profile; the form says why', async () => {
    const { cookie: hers } = await signInTherapist(t, clock, { email: 'helen@staff.example', therapistId: ids.therapist('helen-carter') });
    const fields = formState(await (await getAs(t, hers, '/staff/profile')).text(), '/staff/profile');
    fields.delete('service');
    for (const name of [...fields.keys()]) if (name.startsWith('fee-')) fields.set(name, '');
    const res = await postBody(t, hers, '/staff/profile', fields);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('A listed profile must stay complete: at least one paid service offered, with its fee missing.');
  });
});
