/**
 * `npm run partner:revoke -- KEY_ID`: revokes a partner key; running gateways refuse it once their
 * lookup cache expires (PARTNER_KEY_CACHE_MS). Without KEY_ID, lists the keys (as `partner:list` does).
 */
import { openPartnerStoreFromEnv } from './partner-store-from-env.js';

const keyId = process.argv[2]?.trim();

const store = await openPartnerStoreFromEnv();
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
