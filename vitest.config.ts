import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Browser files wait on Chromium most of the time: two at once halves the run on a 2-core machine.
    maxWorkers: 2,
    // Browser checks poll the page; a busy 2-core machine can take more than the default second.
    expect: { poll: { timeout: 5000 } },
    reporters: ['default'],
  },
});
