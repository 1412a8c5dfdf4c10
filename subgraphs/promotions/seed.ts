/**
 * The demo retailer's 30 campaigns, derived deterministically from the shared universe: sitewide,
 * item lists (a few percent of the skus), channel-only, store-only and personal offers, mostly
 * active from SEED_EPOCH - 30 days to SEED_EPOCH + 3 years, a few expired and a few future ones.
 */
import type { Insertable, Kysely } from 'kysely';
import { insertInChunks } from '../../platform/database.js';
import {
  CHANNELS,
  CURRENCY,
  SEED_EPOCH,
  createRandom,
  customerId,
  locations,
  products,
  type ChannelName,
  type SeedSize,
} from '../shared/universe.js';
import type {
  PromotionAudienceTable,
  PromotionChannelsTable,
  PromotionStoresTable,
  PromotionTargetsTable,
  PromotionsDatabase,
  PromotionsTable,
} from './tables.js';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

type Window = 'active' | 'expired' | 'future';

interface CampaignSpec {
  name: string;
  description: string;
  percentOff?: number;
  /** Minor units. */
  amountOff?: number;
  channels: readonly ChannelName[];
  window: Window;
  /** Item list: a share of the products (of a category when given), every variant of each. Absent: sitewide. */
  targets?: { share: number; category?: string };
  /** Store-only: these stores, or this many random ones. */
  stores?: readonly string[] | number;
  /** Personal offer: a segment and the share of customers in its audience. */
  personal?: { segment: string; share: number };
}

const ALL = CHANNELS;
const ONLINE_AND_ASSISTED: readonly ChannelName[] = ['WEB', 'APP', 'STORE', 'CALL_CENTER'];

/** The campaigns, in id order (promo-01...). */
const CAMPAIGNS: readonly CampaignSpec[] = [
  { name: 'Members week', description: '5% off everything, everywhere.', percentOff: 5, channels: ALL, window: 'active' },
  { name: 'App exclusive', description: '10% off everything in the app.', percentOff: 10, channels: ['APP'], window: 'active' },
  { name: 'Web flash sale', description: '15% off everything on the web shop.', percentOff: 15, channels: ['WEB'], window: 'expired' },
  { name: 'Marketplace launch', description: '8% off our whole range on partner marketplaces.', percentOff: 8, channels: ['MARKETPLACE'], window: 'future' },
  { name: 'Running season', description: '20% off selected running gear.', percentOff: 20, channels: ALL, window: 'active', targets: { share: 0.35, category: 'cat-sports-running' } },
  { name: 'Kitchen days', description: '10 EUR off selected kitchen items.', amountOff: 1000, channels: ONLINE_AND_ASSISTED, window: 'active', targets: { share: 0.3, category: 'cat-home-kitchen' } },
  { name: 'Denim deal', description: '25% off selected jeans online.', percentOff: 25, channels: ['WEB', 'APP'], window: 'active', targets: { share: 0.35, category: 'cat-clothing-jeans' } },
  { name: 'Audio week', description: '15 EUR off selected audio, web only.', amountOff: 1500, channels: ['WEB'], window: 'active', targets: { share: 0.3, category: 'cat-electronics-audio' } },
  { name: 'Outdoor clearance', description: '40% off selected outdoor gear.', percentOff: 40, channels: ALL, window: 'active', targets: { share: 0.4, category: 'cat-sports-outdoor' } },
  { name: 'Bedding bonus', description: '5 EUR off selected bedding in store and by phone.', amountOff: 500, channels: ['STORE', 'CALL_CENTER'], window: 'active', targets: { share: 0.3, category: 'cat-home-bedding' } },
  { name: 'Phone accessories', description: '30% off selected accessories in the app.', percentOff: 30, channels: ['APP'], window: 'active', targets: { share: 0.3, category: 'cat-electronics-accessories' } },
  { name: 'Last season', description: '50% off last season items.', percentOff: 50, channels: ALL, window: 'expired', targets: { share: 0.04 } },
  { name: 'Summer preview', description: '20% off the summer collection.', percentOff: 20, channels: ALL, window: 'future', targets: { share: 0.03 } },
  { name: 'Marketplace picks', description: '12% off selected items on partner marketplaces.', percentOff: 12, channels: ['MARKETPLACE'], window: 'active', targets: { share: 0.03 } },
  { name: 'Paris stores anniversary', description: '15% off everything in our Paris stores.', percentOff: 15, channels: ['STORE'], window: 'active', stores: ['store-01', 'store-02', 'store-03'] },
  { name: 'Lyon opening', description: '20% off selected items in our Lyon stores.', percentOff: 20, channels: ['STORE'], window: 'active', stores: ['store-09', 'store-10'], targets: { share: 0.03 } },
  { name: 'Store clearance', description: '10 EUR off selected items in two stores.', amountOff: 1000, channels: ['STORE'], window: 'active', stores: 2, targets: { share: 0.03 } },
  { name: 'Marseille days', description: '10% off everything in our Marseille stores.', percentOff: 10, channels: ['STORE'], window: 'expired', stores: ['store-11', 'store-12'] },
  { name: 'Store week', description: '5% off everything in five stores.', percentOff: 5, channels: ['STORE'], window: 'active', stores: 5 },
  { name: 'Gold members', description: '15% off everything for our gold members.', percentOff: 15, channels: ALL, window: 'active', personal: { segment: 'loyal-gold', share: 0.03 } },
  { name: 'Platinum privilege', description: '20% off everything for our platinum members.', percentOff: 20, channels: ONLINE_AND_ASSISTED, window: 'active', personal: { segment: 'loyal-platinum', share: 0.01 } },
  { name: 'We miss you', description: '10 EUR off your next purchase.', amountOff: 1000, channels: ['WEB', 'APP', 'CALL_CENTER'], window: 'active', personal: { segment: 'lapsed', share: 0.04 } },
  { name: 'Welcome offer', description: '10% off your first purchases online.', percentOff: 10, channels: ['WEB', 'APP'], window: 'active', personal: { segment: 'new-customer', share: 0.03 } },
  { name: 'Birthday treat', description: '25% off everything for your birthday.', percentOff: 25, channels: ALL, window: 'active', personal: { segment: 'birthday', share: 0.01 } },
  { name: 'Silver savings', description: '8% off everything for our silver members.', percentOff: 8, channels: ONLINE_AND_ASSISTED, window: 'active', personal: { segment: 'loyal-silver', share: 0.05 } },
  { name: 'Goodwill gesture', description: '5 EUR off, from our call center, with our apologies.', amountOff: 500, channels: ['CALL_CENTER'], window: 'active', personal: { segment: 'service-recovery', share: 0.01 } },
  { name: 'Runners club', description: '20% off selected running gear for club members.', percentOff: 20, channels: ['WEB', 'APP', 'CALL_CENTER'], window: 'active', targets: { share: 0.5, category: 'cat-sports-running' }, personal: { segment: 'sports-fans', share: 0.02 } },
  { name: 'Gold members (last year)', description: '15% off everything for our gold members.', percentOff: 15, channels: ALL, window: 'expired', personal: { segment: 'loyal-gold', share: 0.03 } },
  { name: 'Platinum preview', description: '30% off the new collection for platinum members.', percentOff: 30, channels: ALL, window: 'future', personal: { segment: 'loyal-platinum', share: 0.01 } },
  { name: 'App loyalty boost', description: '12% off everything in the app for loyal app users.', percentOff: 12, channels: ['APP'], window: 'active', personal: { segment: 'app-users', share: 0.03 } },
];

/** Customers guaranteed a personal offer that is active and available on the call center. */
const SHOWCASE_CUSTOMERS = 10;

const promotionId = (n: number) => `promo-${String(n).padStart(2, '0')}`;

function windowOf(window: Window): { startsAt: string; endsAt: string } {
  const at = (offset: number) => new Date(SEED_EPOCH + offset).toISOString();
  switch (window) {
    case 'active':
      return { startsAt: at(-30 * DAY), endsAt: at(3 * YEAR) };
    case 'expired':
      return { startsAt: at(-400 * DAY), endsAt: at(-300 * DAY) };
    case 'future':
      return { startsAt: at(3 * YEAR + 180 * DAY), endsAt: at(4 * YEAR + 180 * DAY) };
  }
}

export interface PromotionSeedRows {
  promotions: Insertable<PromotionsTable>[];
  channels: PromotionChannelsTable[];
  stores: PromotionStoresTable[];
  targets: PromotionTargetsTable[];
  audience: PromotionAudienceTable[];
}

/** The rows of the demo campaigns for a retailer of the given size; same size, same rows. */
export function generatePromotions(size: SeedSize): PromotionSeedRows {
  const r = createRandom(404);
  const catalog = products(size);
  const storeIds = locations()
    .filter((l) => l.kind === 'STORE')
    .map((l) => l.id);
  const rows: PromotionSeedRows = { promotions: [], channels: [], stores: [], targets: [], audience: [] };

  const showcaseOffers = CAMPAIGNS.flatMap((spec, i) =>
    spec.personal && spec.window === 'active' && spec.channels.includes('CALL_CENTER') ? [promotionId(i + 1)] : [],
  );

  CAMPAIGNS.forEach((spec, i) => {
    const id = promotionId(i + 1);
    const { startsAt, endsAt } = windowOf(spec.window);
    rows.promotions.push({
      id,
      name: spec.name,
      description: spec.description,
      percent_off: spec.percentOff ?? null,
      amount_off: spec.amountOff ?? null,
      currency: CURRENCY,
      starts_at: startsAt,
      ends_at: endsAt,
      segment: spec.personal?.segment ?? null,
      sitewide: spec.targets ? 0 : 1,
    });
    for (const channel of spec.channels) rows.channels.push({ promotion_id: id, channel });

    if (spec.stores !== undefined) {
      const chosen = new Set<string>();
      if (typeof spec.stores === 'number') while (chosen.size < spec.stores) chosen.add(r.pick(storeIds));
      else for (const store of spec.stores) chosen.add(store);
      for (const store of chosen) rows.stores.push({ promotion_id: id, store_id: store });
    }

    if (spec.targets) {
      const { share, category } = spec.targets;
      const pool = category ? catalog.filter((p) => p.categoryId === category) : catalog;
      let picked = pool.filter(() => r.chance(share));
      if (picked.length === 0) picked = [r.pick(pool.length > 0 ? pool : catalog)];
      for (const product of picked) for (const v of product.variants) rows.targets.push({ promotion_id: id, sku: v.sku });
    }

    if (spec.personal) {
      const audience = new Set<string>();
      for (let c = SHOWCASE_CUSTOMERS + 1; c <= size.customers; c++) if (r.chance(spec.personal.share)) audience.add(customerId(c));
      showcaseOffers.forEach((offer, k) => {
        if (offer !== id) return;
        for (let c = k + 1; c <= Math.min(SHOWCASE_CUSTOMERS, size.customers); c += showcaseOffers.length) audience.add(customerId(c));
      });
      // An audience is never empty, so a personal offer always reaches someone.
      if (audience.size === 0) audience.add(customerId(r.int(1, size.customers)));
      for (const customer of audience) rows.audience.push({ promotion_id: id, customer_id: customer });
    }
  });
  return rows;
}

export async function seedPromotions(db: Kysely<PromotionsDatabase>, size: SeedSize): Promise<void> {
  const rows = generatePromotions(size);
  await insertInChunks(db, 'promotions', rows.promotions);
  await insertInChunks(db, 'promotion_channels', rows.channels);
  await insertInChunks(db, 'promotion_stores', rows.stores);
  await insertInChunks(db, 'promotion_targets', rows.targets);
  await insertInChunks(db, 'promotion_audience', rows.audience);
  // The list prices the price events start from: the catalog seeds the same ones (version 0).
  const prices = products(size).flatMap((product) => product.variants.map((v) => ({ sku: v.sku, amount: v.price, currency: CURRENCY, version: 0 })));
  await insertInChunks(db, 'list_prices', prices);
  // What has started or ended by now is not news for the price ledger.
  const now = new Date().toISOString();
  await db.updateTable('promotions').set({ start_announced: 1 }).where('starts_at', '<=', now).execute();
  await db.updateTable('promotions').set({ end_announced: 1 }).where('ends_at', '<=', now).execute();
}
