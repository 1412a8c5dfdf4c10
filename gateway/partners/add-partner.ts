/**
 * `npm run partner:add -- NAME [--plan starter|pro]`: creates a partner key and prints it once.
 * Reads the gateway's store options (DATA_DIR, DATABASE_URL, PG_SCHEMA_PREFIX).
 */
import { parseArgs } from 'node:util';
import { GatewayConfigError, loadGatewayConfig } from '../config.js';
import { openPartnerStore } from './partner-store.js';
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

let options;
try {
  options = loadGatewayConfig(process.env).partners;
} catch (error) {
  if (error instanceof GatewayConfigError) fail(error.message);
  throw error;
}
const store = await openPartnerStore(options);
try {
  const { id, key } = await store.addPartner(name, plan);
  const { requestsPerSecond, burst, costBudget } = PLANS[plan];
  console.log(`Partner "${name}" added: key id ${id}, plan ${plan} (${requestsPerSecond} req/s, burst ${burst}, cost budget ${costBudget}).`);
  console.log('API key (shown once; only its hash is stored, so keep it now):');
  console.log(key);
} finally {
  await store.close();
}
