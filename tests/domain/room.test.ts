// The online room's rules (src/domain/room.ts) and the next session's (src/domain/next-session.ts), as properties.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { manageLinkExpiry, mayBookNext, NEXT_SESSION_DAYS } from '../../src/domain/next-session.ts';
import { meetingLinkProblem, ROOM_ID_BITS, roomIdFrom, roomTemplateProblem, sessionRoomUrl } from '../../src/domain/room.ts';

const TEMPLATE = 'https://meet.example.org/closer-{room}';
const STATUSES = ['pending', 'confirmed', 'cancelled', 'attended', 'no_show'] as const;
const secret = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64url'));

describe('room ids', () => {
  it('are 160 bits as lower-case hex, and two secrets give the same id only when their first 160 bits agree', () => {
    expect(ROOM_ID_BITS).toBeGreaterThanOrEqual(128);
    fc.assert(
      fc.property(secret, secret, (a, b) => {
        const [x, y] = [roomIdFrom(a), roomIdFrom(b)];
        expect(x).toMatch(/^[0-9a-f]{40}$/);
        const prefix = (s: string) => Buffer.from(s, 'base64url').subarray(0, 20).toString('hex');
        expect(x === y).toBe(prefix(a) === prefix(b));
      }),
    );
  });

  it('derived per booking with a key, are unique over many bookings and carry nothing of the booking id', () => {
    const key = randomBytes(32);
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const id = randomUUID();
      const room = roomIdFrom(createHmac('sha256', key).update(`room:${id}`).digest('base64url'));
      expect(room).not.toContain(id.replace(/-/g, '').slice(0, 12));
      seen.add(room);
    }
    expect(seen.size).toBe(5000);
  });

  it('refuse a secret shorter than 160 bits', () => {
    expect(() => roomIdFrom(Buffer.alloc(16).toString('base64url'))).toThrow();
  });
});

describe('a session’s room link', () => {
  const session = fc.record({
    format: fc.constantFrom('online', 'in_person'),
    status: fc.constantFrom(...STATUSES),
    end: fc.integer({ min: 0, max: 2_000_000_000_000 }),
    therapistLink: fc.option(fc.constantFrom('https://meet.example.net/own', 'https://video.example.com/r/1'), { nil: null }),
  });

  it('exists only for an online session that is booked and not yet over; the therapist’s own link wins over the template', () => {
    fc.assert(
      fc.property(session, fc.integer({ min: 0, max: 2_000_000_000_000 }), fc.option(fc.constant(TEMPLATE), { nil: undefined }), (s, now, template) => {
        const url = sessionRoomUrl(s, now, template, () => 'a'.repeat(40));
        const open = s.format === 'online' && (s.status === 'pending' || s.status === 'confirmed') && now < s.end;
        if (!open) expect(url).toBeUndefined();
        else if (s.therapistLink) expect(url).toBe(s.therapistLink);
        else if (template) expect(url).toBe(`https://meet.example.org/closer-${'a'.repeat(40)}`);
        else expect(url).toBeUndefined();
      }),
    );
  });

  it('asks for the room id only when the template is used', () => {
    let asked = 0;
    const roomId = () => {
      asked++;
      return 'b'.repeat(40);
    };
    sessionRoomUrl({ format: 'online', status: 'confirmed', end: 10, therapistLink: 'https://meet.example.net/own' }, 0, TEMPLATE, roomId);
    sessionRoomUrl({ format: 'in_person', status: 'confirmed', end: 10, therapistLink: null }, 0, TEMPLATE, roomId);
    expect(asked).toBe(0);
    sessionRoomUrl({ format: 'online', status: 'confirmed', end: 10, therapistLink: null }, 0, TEMPLATE, roomId);
    expect(asked).toBe(1);
  });
});

describe('links and templates', () => {
  it('a therapist’s link must be https, without spaces or credentials; any text gets an answer, never an exception', () => {
    expect(meetingLinkProblem('https://meet.example.net/sam')).toBeUndefined();
    expect(meetingLinkProblem('https://zoom.us/j/123456789?pwd=abc')).toBeUndefined();
    expect(meetingLinkProblem('http://meet.example.net/sam')).toMatch(/https/);
    expect(meetingLinkProblem('meet.example.net/sam')).toMatch(/https/);
    expect(meetingLinkProblem('javascript:alert(1)')).toMatch(/https/);
    expect(meetingLinkProblem('https://user:pw@meet.example.net/')).toMatch(/password/);
    expect(meetingLinkProblem('https://meet example.net')).toMatch(/spaces/);
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (text) => {
        const problem = meetingLinkProblem(text);
        if (problem === undefined) expect(new URL(text).protocol).toBe('https:');
      }),
    );
  });

  it('a template has {room} once, in the path or query, and is https', () => {
    expect(roomTemplateProblem(TEMPLATE)).toBeUndefined();
    expect(roomTemplateProblem('https://jitsi.practice.example/{room}')).toBeUndefined();
    expect(roomTemplateProblem('https://video.example/join?room={room}')).toBeUndefined();
    expect(roomTemplateProblem('https://meet.jit.si/closer')).toMatch(/\{room\} exactly once/);
    expect(roomTemplateProblem('https://meet.jit.si/{room}/{room}')).toMatch(/exactly once/);
    expect(roomTemplateProblem('http://meet.jit.si/{room}')).toMatch(/https/);
    expect(roomTemplateProblem('https://{room}.example.org/')).toMatch(/not the server/);
  });

  it('the configuration refuses a bad VIDEO_URL_TEMPLATE by name, and takes a good one', () => {
    expect(loadConfig({ VIDEO_URL_TEMPLATE: TEMPLATE }).VIDEO_URL_TEMPLATE).toBe(TEMPLATE);
    expect(loadConfig({}).VIDEO_URL_TEMPLATE).toBeUndefined();
    expect(loadConfig({ VIDEO_URL_TEMPLATE: '' }).VIDEO_URL_TEMPLATE).toBeUndefined();
    for (const bad of ['https://meet.jit.si/closer', 'http://meet.jit.si/{room}', 'not a url {room}']) {
      expect(() => loadConfig({ VIDEO_URL_TEMPLATE: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ VIDEO_URL_TEMPLATE: bad })).toThrow(/VIDEO_URL_TEMPLATE/);
    }
  });
});

describe('the next session', () => {
  it('is offered from a session that took place: attended, or confirmed and over; never cancelled, missed or still to come', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e12 }), (status, end, now) => {
        const offered = mayBookNext({ status, end }, now);
        expect(offered).toBe(status === 'attended' || (status === 'confirmed' && now >= end));
      }),
    );
  });

  it('a manage link lasts NEXT_SESSION_DAYS after its session', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (end) => {
        expect(manageLinkExpiry(end) - end).toBe(NEXT_SESSION_DAYS * 86_400_000);
      }),
    );
  });
});
