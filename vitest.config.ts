import { defineConfig } from 'vitest/config';

// Two cores: run files in two forked workers. Browser and database suites start real
// processes, so their timeouts are generous; speed targets live in `npm run bench`.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
