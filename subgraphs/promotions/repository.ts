/** Data access of the promotions subgraph: every read is one batched statement. */
import type { Kysely } from 'kysely';
import type { ChannelCode, PromotionModel } from './models.js';
import type { PromotionsDatabase } from './tables.js';
import { groupBy } from '../shared/group-by.js';

export interface PromotionFilter {
  ids?: readonly string[];
  /** Only promotions active at this instant (epoch ms). */
  activeAt?: number;
  /** Only promotions sold on this channel. */
  channel?: ChannelCode;
}

/** Promotions with their channels and stores, ordered by id (code points): three statements whatever the count. */
export async function findPromotions(db: Kysely<PromotionsDatabase>, filter: PromotionFilter = {}): Promise<PromotionModel[]> {
  if (filter.ids && filter.ids.length === 0) return [];
  let query = db
    .selectFrom('promotions as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .exists(eb.selectFrom('promotion_audience as a').select('a.promotion_id').whereRef('a.promotion_id', '=', 'p.id'))
        .as('has_audience'),
    );
  if (filter.ids) query = query.where('p.id', 'in', [...filter.ids]);
  if (filter.activeAt !== undefined) {
    // Stored instants are all Date#toISOString() text, so text order is time order.
    const at = new Date(filter.activeAt).toISOString();
    query = query.where('p.starts_at', '<=', at).where('p.ends_at', '>', at);
  }
  if (filter.channel) {
    const channel = filter.channel;
    query = query.where('p.id', 'in', (eb) =>
      eb.selectFrom('promotion_channels').select('promotion_id').where('channel', '=', channel),
    );
  }
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [channels, stores] = await Promise.all([
    db.selectFrom('promotion_channels').select(['promotion_id', 'channel']).where('promotion_id', 'in', ids).execute(),
    db.selectFrom('promotion_stores').select(['promotion_id', 'store_id']).where('promotion_id', 'in', ids).execute(),
  ]);
  const channelsOf = groupBy(channels, (c) => c.promotion_id, (c) => c.channel as ChannelCode);
  const storesOf = groupBy(stores, (s) => s.promotion_id, (s) => s.store_id);
  // Sorted here rather than by the engine, whose text collation may differ from code-point order.
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    percentOff: row.percent_off,
    amountOff: row.amount_off,
    currency: row.currency,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    segment: row.segment,
    sitewide: row.sitewide === 1,
    channels: sortChannels(channelsOf.get(row.id) ?? []),
    storeIds: (storesOf.get(row.id) ?? []).sort(),
    // SQLite answers exists() with 0/1, PostgreSQL with a boolean.
    personal: Boolean(row.has_audience),
  }));
}

/** For each sku, the ids of the promotions whose item list holds it (one statement). */
export async function findPromotionIdsBySku(db: Kysely<PromotionsDatabase>, skus: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('promotion_targets')
    .select(['sku', 'promotion_id'])
    .where('sku', 'in', [...skus])
    .execute();
  return groupBy(rows, (r) => r.sku, (r) => r.promotion_id);
}

/** For each customer, the ids of the promotions whose audience holds them (one statement). */
export async function findPromotionIdsByCustomer(
  db: Kysely<PromotionsDatabase>,
  customerIds: readonly string[],
): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('promotion_audience')
    .select(['customer_id', 'promotion_id'])
    .where('customer_id', 'in', [...customerIds])
    .execute();
  return groupBy(rows, (r) => r.customer_id, (r) => r.promotion_id);
}

const CHANNEL_ORDER: readonly ChannelCode[] = ['WEB', 'APP', 'STORE', 'CALL_CENTER', 'MARKETPLACE'];
function sortChannels(channels: ChannelCode[]): ChannelCode[] {
  return channels.sort((a, b) => CHANNEL_ORDER.indexOf(a) - CHANNEL_ORDER.indexOf(b));
}
