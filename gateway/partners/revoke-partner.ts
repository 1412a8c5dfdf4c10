/**
 * `npm run partner:revoke -- KEY_ID`: revokes a partner key; running gateways refuse it once their
 * lookup cache expires (PARTNER_KEY_CACHE_MS). Without KEY_ID, lists the keys.
 */
import { GatewayConfigError, loadGatewayConfig } from '../config.js';
import { openPartnerStore } from './partner-store.js';

const keyId = process.argv[2]?.trim();

let options;
try {
  options = loadGatewayConfig(process.env).partners;
} catch (error) {
  if (!(error instanceof GatewayConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const store = await openPartnerStore(options);
try {
  if (!keyId) {
    console.error('Usage: npm run partner:revoke -- KEY_ID\nKeys:');
    for (const key of await store.listKeys()) {
      console.error(`  ${key.id}  ${key.partnerName}  ${key.plan}  ${key.revoked ? 'revoked' : 'active'}  since ${key.createdAt}`);
    }
    process.exitCode = 1;
  } else if (await store.revokeKey(keyId)) {
    console.log(`Key ${keyId} revoked.`);
  } else {
    console.error(`No key ${keyId}.`);
    process.exitCode = 1;
  }
} finally {
  await store.close();
}
