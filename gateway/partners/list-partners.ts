/**
 * `npm run partner:list`: the partner keys, one per line — id, partner, plan, state, created — as
 * an aligned table (or `--json`, one JSON array). Never a key: only its id is stored readable.
 */
import type { PartnerKeyRecord } from './partner-store.js';
import { openPartnerStoreFromEnv } from './partner-store-from-env.js';

const store = await openPartnerStoreFromEnv();
try {
  const keys = await store.listKeys();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(keys.map(({ id, partnerName, plan, revoked, createdAt }) => ({ id, partner: partnerName, plan, state: revoked ? 'revoked' : 'active', createdAt }))));
  } else if (keys.length === 0) {
    console.log('No partner keys yet: npm run partner:add -- NAME [--plan starter|pro]');
  } else {
    console.log(formatTable(keys));
  }
} finally {
  await store.close();
}

function formatTable(keys: readonly PartnerKeyRecord[]): string {
  const rows = [['KEY ID', 'PARTNER', 'PLAN', 'STATE', 'CREATED'], ...keys.map((key) => [key.id, key.partnerName, key.plan, key.revoked ? 'revoked' : 'active', String(key.createdAt)])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}
