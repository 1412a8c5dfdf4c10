import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CommonJS and ESM builds; @apollo/* require the CommonJS one, and two copies
    // of graphql in one process refuse each other's schemas ("another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    reporters: ['default', './tests/support/plain-summary-reporter.ts'],
    pool: 'forks',
    // Each file starts real servers and databases; two at a time suits the two-core machines we run on.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
