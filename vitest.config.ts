import { createRequire } from 'node:module';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const require = createRequire(import.meta.url);
const postgresUrl = process.env.DATABASE_URL || undefined;

/** The suite runs on the embedded SQLite always, and once more on PostgreSQL when DATABASE_URL is set. */
const engines: TestProjectInlineConfiguration[] = [
  { extends: true, test: { name: 'sqlite', env: { DATABASE_URL: '' } } },
  ...(postgresUrl ? [{ extends: true as const, test: { name: 'postgres', env: { DATABASE_URL: postgresUrl } } }] : []),
];

export default defineConfig({
  resolve: {
    // graphql ships CommonJS and ESM builds; @apollo/* require the CommonJS one, and two copies
    // of graphql in one process refuse each other's schemas ("another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['./tests/support/global-setup.ts'],
    reporters: ['default', './tests/support/plain-summary-reporter.ts'],
    pool: 'forks',
    // Each file starts real servers and databases; two at a time suits the two-core machines we run on.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: engines,
  },
});
