/**
 * Partner API keys: random secrets shown once, stored only as their SHA-256. A hash is enough
 * (no salt, no slow KDF) because the key is 256 random bits, not a password a person chose.
 */
import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'pk_';

/** A new key (`pk_` + 32 random bytes, base64url) and the id that names it in logs and admin commands. */
export function generatePartnerKey(): { id: string; key: string } {
  return { id: `key_${randomBytes(8).toString('hex')}`, key: `${KEY_PREFIX}${randomBytes(32).toString('base64url')}` };
}

export function hashPartnerKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
