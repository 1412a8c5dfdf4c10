/**
 * A small, hand-written set of campaigns whose prices can be worked out by hand, for the pricing
 * and targeting specifications. The subgraph's clock is pinned at NOW.
 */
import type { Kysely } from 'kysely';
import type { PromotionsDatabase } from '../../subgraphs/promotions/tables.js';

export const NOW = new Date('2027-06-01T12:00:00.000Z');
const ACTIVE = { starts_at: '2027-01-01T00:00:00.000Z', ends_at: '2028-01-01T00:00:00.000Z' };
const ALL = ['WEB', 'APP', 'STORE', 'CALL_CENTER', 'MARKETPLACE'];

interface Campaign {
  id: string;
  percentOff?: number;
  amountOff?: number;
  channels: string[];
  window?: { starts_at: string; ends_at: string };
  targets?: string[];
  stores?: string[];
  audience?: string[];
  segment?: string;
}

export const CAMPAIGNS: Campaign[] = [
  { id: 'p-sitewide-10', percentOff: 10, channels: ALL },
  { id: 'p-items-25', percentOff: 25, channels: ['WEB', 'APP'], targets: ['SKU-A', 'SKU-B'] },
  { id: 'p-items-1000-off', amountOff: 1000, channels: ALL, targets: ['SKU-A', 'SKU-CHEAP'] },
  { id: 'p-app-30', percentOff: 30, channels: ['APP'], targets: ['SKU-C'] },
  { id: 'p-stores-20', percentOff: 20, channels: ['STORE'], stores: ['store-01', 'store-02'] },
  { id: 'p-gold-15', percentOff: 15, channels: ALL, segment: 'loyal-gold', audience: ['cust-00001', 'cust-00002'] },
  { id: 'p-goodwill-500-off', amountOff: 500, channels: ['CALL_CENTER'], segment: 'service-recovery', audience: ['cust-00003'] },
  { id: 'p-expired-50', percentOff: 50, channels: ALL, window: { starts_at: '2026-01-01T00:00:00.000Z', ends_at: '2027-01-01T00:00:00.000Z' } },
  { id: 'p-future-40', percentOff: 40, channels: ALL, window: { starts_at: '2028-01-01T00:00:00.000Z', ends_at: '2029-01-01T00:00:00.000Z' } },
];

export async function seedFixture(db: Kysely<PromotionsDatabase>): Promise<void> {
  for (const c of CAMPAIGNS) {
    await db
      .insertInto('promotions')
      .values({
        id: c.id,
        name: `Campaign ${c.id}`,
        description: `Test campaign ${c.id}.`,
        percent_off: c.percentOff ?? null,
        amount_off: c.amountOff ?? null,
        currency: 'EUR',
        ...(c.window ?? ACTIVE),
        segment: c.segment ?? null,
        sitewide: c.targets ? 0 : 1,
        // The price ledger has told every start and end before the pinned clock (migration 0003 does the same at the real one).
        start_announced: (c.window ?? ACTIVE).starts_at <= NOW.toISOString() ? 1 : 0,
        end_announced: (c.window ?? ACTIVE).ends_at <= NOW.toISOString() ? 1 : 0,
      })
      .execute();
    for (const channel of c.channels) await db.insertInto('promotion_channels').values({ promotion_id: c.id, channel }).execute();
    for (const sku of c.targets ?? []) await db.insertInto('promotion_targets').values({ promotion_id: c.id, sku }).execute();
    for (const store_id of c.stores ?? []) await db.insertInto('promotion_stores').values({ promotion_id: c.id, store_id }).execute();
    for (const customer_id of c.audience ?? []) {
      await db.insertInto('promotion_audience').values({ promotion_id: c.id, customer_id }).execute();
    }
  }
}
