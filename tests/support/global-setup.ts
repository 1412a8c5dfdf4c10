/**
 * Runs once around the whole test run: names the run's PostgreSQL schemas and drops them all at
 * the end, whatever the tests did (see database.ts for why not earlier).
 */
import { RUN_PREFIX_VARIABLE, dropSchemasStartingWith, newRunPrefix } from './database.js';

export default function setup(): () => Promise<void> {
  const prefix = newRunPrefix();
  // Set before the test workers start, so every worker inherits it.
  process.env[RUN_PREFIX_VARIABLE] = prefix;
  return async () => {
    const url = process.env.DATABASE_URL;
    if (url) await dropSchemasStartingWith(url, prefix);
  };
}
