/**
 * The gateway's own store of partner keys: SQLite `<DATA_DIR>/gateway.sqlite`, or the PostgreSQL
 * schema `<PG_SCHEMA_PREFIX>gateway` when DATABASE_URL is set. Only key hashes are kept.
 */
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import { openDatabase } from '../../platform/database.js';
import { migrateToLatest } from '../../platform/migrate.js';
import { migrations } from './migrations.js';
import { generatePartnerKey, hashPartnerKey } from './partner-keys.js';
import { PLANS, isPlanName, type Plan, type PlanName } from './plans.js';

interface PartnerKeysTable {
  id: string;
  partner_name: string;
  plan: string;
  key_hash: string;
  revoked_at: string | null;
  created_at: string;
}

interface GatewayDatabase {
  partner_keys: PartnerKeysTable;
}

/** Who is calling, as the public endpoint knows it (`request.partner`). */
export interface Partner {
  /** The key's id (never the key): safe in logs and metrics. */
  keyId: string;
  name: string;
  plan: Plan;
}

export interface PartnerKeyRecord {
  id: string;
  partnerName: string;
  plan: PlanName;
  revoked: boolean;
  createdAt: string;
}

export interface PartnerStoreOptions {
  /** PostgreSQL connection string; unset = the SQLite file in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Folder of `gateway.sqlite`. */
  dataDir: string;
  /** Prefix of the PostgreSQL schema (`<prefix>gateway`). */
  pgSchemaPrefix: string;
  /**
   * How long a looked-up key (known or not) is remembered; a revocation takes effect within it.
   * 0 looks every request up. @default 5000
   */
  keyCacheMs?: number;
  /** @default 10000 */
  cacheSize?: number;
}

export interface PartnerStore {
  /** Creates a key for a partner; the returned key is never stored and cannot be read again. */
  addPartner(name: string, plan: PlanName): Promise<{ id: string; key: string }>;
  /** Marks a key revoked; false when no such key id exists. */
  revokeKey(id: string): Promise<boolean>;
  /** The partner of an active key, or undefined for an unknown or revoked one (cached). */
  findPartner(key: string): Promise<Partner | undefined>;
  listKeys(): Promise<PartnerKeyRecord[]>;
  close(): Promise<void>;
}

export const GATEWAY_STORE_NAME = 'gateway';

export async function openPartnerStore(options: PartnerStoreOptions): Promise<PartnerStore> {
  const pgSchema = `${options.pgSchemaPrefix}${GATEWAY_STORE_NAME}`;
  const database = await openDatabase<GatewayDatabase>({
    databaseUrl: options.databaseUrl,
    sqlitePath: join(options.dataDir, `${GATEWAY_STORE_NAME}.sqlite`),
    pgSchema,
  });
  const { db } = database;
  try {
    await migrateToLatest(db, migrations, database.engine === 'postgres' ? pgSchema : undefined);
  } catch (error) {
    await database.close();
    throw error;
  }
  // Keyed by hash so the cache never holds a key; misses are cached too, or a flood of bad keys
  // would reach the database once per request.
  const ttl = options.keyCacheMs ?? 5_000;
  // lru-cache reads a ttl of 0 as "forever"; here it means no cache.
  const cache = ttl > 0 ? new LRUCache<string, { partner: Partner | undefined }>({ max: options.cacheSize ?? 10_000, ttl }) : undefined;

  return {
    async addPartner(name, plan) {
      const { id, key } = generatePartnerKey();
      await db
        .insertInto('partner_keys')
        .values({ id, partner_name: name, plan, key_hash: hashPartnerKey(key), revoked_at: null, created_at: new Date().toISOString() })
        .execute();
      return { id, key };
    },
    async revokeKey(id) {
      const result = await db
        .updateTable('partner_keys')
        .set({ revoked_at: new Date().toISOString() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) return true;
      // Revoking twice is not an error; only an unknown id is.
      const existing = await db.selectFrom('partner_keys').select('id').where('id', '=', id).executeTakeFirst();
      return existing !== undefined;
    },
    async findPartner(key) {
      const keyHash = hashPartnerKey(key);
      const cached = cache?.get(keyHash);
      if (cached) return cached.partner;
      const row = await db
        .selectFrom('partner_keys')
        .select(['id', 'partner_name', 'plan'])
        .where('key_hash', '=', keyHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      // A plan removed from the code since the key was made leaves the key unusable, not unlimited.
      const partner = row && isPlanName(row.plan) ? { keyId: row.id, name: row.partner_name, plan: PLANS[row.plan] } : undefined;
      cache?.set(keyHash, { partner });
      return partner;
    },
    async listKeys() {
      const rows = await db.selectFrom('partner_keys').selectAll().orderBy('created_at').execute();
      return rows.map((row) => ({
        id: row.id,
        partnerName: row.partner_name,
        plan: row.plan as PlanName,
        revoked: row.revoked_at !== null,
        createdAt: row.created_at,
      }));
    },
    close: () => database.close(),
  };
}
