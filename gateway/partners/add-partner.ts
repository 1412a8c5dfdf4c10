/**
 * `npm run partner:add -- NAME [--plan starter|pro]`: creates a partner key and prints it once.
 * Reads the gateway's store options (DATA_DIR, DATABASE_URL, PG_SCHEMA_PREFIX).
 */
import { parseArgs } from 'node:util';
import { openPartnerStoreFromEnv } from './partner-store-from-env.js';
import { PLAN_NAMES, PLANS, isPlanName } from './plans.js';

const USAGE = `Usage: npm run partner:add -- NAME [--plan ${PLAN_NAMES.join('|')}]`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({ options: { plan: { type: 'string', default: 'starter' } }, allowPositionals: true });
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
}
const name = parsed.positionals.join(' ').trim();
const plan = parsed.values.plan;
if (!name) fail(USAGE);
if (!isPlanName(plan)) fail(`Unknown plan "${plan}"; plans: ${PLAN_NAMES.join(', ')}.\n${USAGE}`);

const store = await openPartnerStoreFromEnv();
try {
  const { id, key } = await store.addPartner(name, plan);
  const { requestsPerSecond, burst, costBudget } = PLANS[plan];
  console.log(`Partner "${name}" added: key id ${id}, plan ${plan} (${requestsPerSecond} req/s, burst ${burst}, cost budget ${costBudget}).`);
  console.log('API key (shown once; only its hash is stored, so keep it now):');
  console.log(key);
} finally {
  await store.close();
}
