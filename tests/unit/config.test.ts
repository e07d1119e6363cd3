import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

describe('configuration', () => {
  test('defaults serve the embedded database on 127.0.0.1:3000 in ./data, Europe/London', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.DATA_DIR).toBe('./data');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.PRACTICE_TIME_ZONE).toBe('Europe/London');
    expect(c.publicUrl).toBe('http://127.0.0.1:3000');
  });

  test.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ ADMIN_EMAIL: 'not-an-address' }, 'ADMIN_EMAIL'],
    [{ ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ PRACTICE_TIME_ZONE: 'Mars/Olympus' }, 'PRACTICE_TIME_ZONE'],
    [{ ENCRYPTION_KEY: 'abc' }, 'ENCRYPTION_KEY'],
  ])('a bad value stops start-up with a message that names it: %o', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
  });

  test('every bad variable is named at once', () => {
    try {
      loadConfig({ PORT: 'x', HOST: '', ADMIN_EMAIL: 'y' });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'HOST', 'ADMIN_EMAIL']) expect(message).toContain(`${name}:`);
    }
  });

  test('postgres URL, SMTP URL and an IPv6 host are accepted', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', SMTP_URL: 'smtp://127.0.0.1:2525', HOST: '::1', PORT: '8080' });
    expect(c.DATABASE_URL).toBe('postgres://u@127.0.0.1:5432/db');
    expect(c.publicUrl).toBe('http://[::1]:8080');
  });
});

describe('production over plain http (issue 15)', () => {
  test('a public http address in production stops the start with a message naming PUBLIC_URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://closer.example.org' })).toThrow(
      /PUBLIC_URL: http:\/\/closer\.example\.org is plain http in production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', HOST: '0.0.0.0' })).toThrow(ConfigError);
  });

  test('https, loopback and an explicit ALLOW_INSECURE_HTTP=true start; outside production nothing changes', () => {
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://closer.example.org' }).publicUrl).toBe('https://closer.example.org');
    for (const url of ['http://127.0.0.1:3000', 'http://localhost:8080', 'http://[::1]:3000'])
      expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: url }).publicUrl).toBe(url);
    expect(loadConfig({ NODE_ENV: 'production', HOST: '127.0.0.1' }).publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://closer.example.org', ALLOW_INSECURE_HTTP: 'true' }).publicUrl).toBe(
      'http://closer.example.org',
    );
    expect(loadConfig({ PUBLIC_URL: 'http://closer.example.org' }).publicUrl).toBe('http://closer.example.org');
  });
});
