import { foldForSearch } from './fold-text.js';

/**
 * The demo retailer, generated deterministically from fixed seeds. Every subgraph seeds its own
 * tables from this one description, so that keys line up across subgraphs without any subgraph
 * reading another's tables.
 */

/** How big the demo retailer is; `seedSize(1)` is the mid-size default of DOMAIN.md. */
export interface SeedSize {
  products: number;
  customers: number;
  reviews: number;
  promotions: number;
}

export function seedSize(factor: number): SeedSize {
  if (!(factor > 0 && factor <= 10)) throw new Error(`SEED_SCALE must be in (0, 10], got ${factor}`);
  return {
    products: Math.max(10, Math.round(2000 * factor)),
    customers: Math.max(20, Math.round(20000 * factor)),
    reviews: Math.max(30, Math.round(50000 * factor)),
    promotions: 30,
  };
}

/** mulberry32: a tiny, fast, good-enough PRNG; the same seed gives the same retailer everywhere. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof createRandom>;

export const CHANNELS = ['WEB', 'APP', 'STORE', 'CALL_CENTER', 'MARKETPLACE'] as const;
export type ChannelName = (typeof CHANNELS)[number];
export const CURRENCY = 'EUR';
/** The instant the demo data is generated around, so that seeds do not depend on the clock. */
export const SEED_EPOCH = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;
export const isoDaysBefore = (days: number, r?: Random) =>
  new Date(SEED_EPOCH - days * DAY - (r ? r.int(0, DAY - 1) : 0)).toISOString();

export const productId = (n: number) => `prod-${String(n).padStart(5, '0')}`;
export const skuOf = (n: number, v: number) => `SKU-${String(n).padStart(5, '0')}-${v}`;
export const customerId = (n: number) => `cust-${String(n).padStart(5, '0')}`;

// ---------------------------------------------------------------- locations

export interface LocationSeed {
  id: string;
  name: string;
  kind: 'STORE' | 'WAREHOUSE';
  city: string;
  postalCode: string;
  line1: string;
  lat: number;
  lng: number;
  pickupEnabled: boolean;
}

const STORE_SITES: [string, string, number, number][] = [
  ['Paris Opéra', '75009', 48.8719, 2.3316],
  ['Paris Bastille', '75011', 48.8532, 2.3691],
  ['Paris Montparnasse', '75014', 48.8421, 2.3219],
  ['La Défense', '92800', 48.8918, 2.238],
  ['Saint-Denis', '93200', 48.9362, 2.3574],
  ['Versailles', '78000', 48.8049, 2.1204],
  ['Créteil', '94000', 48.7904, 2.4556],
  ['Boulogne-Billancourt', '92100', 48.8397, 2.2399],
  ['Lyon Part-Dieu', '69003', 45.7606, 4.859],
  ['Lyon Confluence', '69002', 45.7413, 4.8183],
  ['Marseille Vieux-Port', '13001', 43.2965, 5.3698],
  ['Marseille Prado', '13008', 43.27, 5.395],
  ['Toulouse', '31000', 43.6047, 1.4442],
  ['Nice', '06000', 43.7102, 7.262],
  ['Nantes', '44000', 47.2184, -1.5536],
  ['Strasbourg', '67000', 48.5734, 7.7521],
  ['Montpellier', '34000', 43.6108, 3.8767],
  ['Bordeaux', '33000', 44.8378, -0.5792],
  ['Lille', '59000', 50.6292, 3.0573],
  ['Rennes', '35000', 48.1173, -1.6778],
  ['Reims', '51100', 49.2583, 4.0317],
  ['Le Havre', '76600', 49.4944, 0.1079],
  ['Saint-Étienne', '42000', 45.4397, 4.3872],
  ['Toulon', '83000', 43.1242, 5.928],
  ['Grenoble', '38000', 45.1885, 5.7245],
  ['Dijon', '21000', 47.322, 5.0415],
  ['Angers', '49100', 47.4784, -0.5632],
  ['Nîmes', '30000', 43.8367, 4.3601],
  ['Clermont-Ferrand', '63000', 45.7772, 3.087],
  ['Le Mans', '72000', 48.0061, 0.1996],
  ['Aix-en-Provence', '13100', 43.5297, 5.4474],
  ['Brest', '29200', 48.3904, -4.4861],
  ['Tours', '37000', 47.3941, 0.6848],
  ['Amiens', '80000', 49.8941, 2.2958],
  ['Limoges', '87000', 45.8336, 1.2611],
  ['Annecy', '74000', 45.8992, 6.1294],
  ['Metz', '57000', 49.1193, 6.1757],
  ['Rouen', '76000', 49.4432, 1.0999],
  ['Caen', '14000', 49.1829, -0.3707],
  ['Nancy', '54000', 48.6921, 6.1844],
];

const WAREHOUSE_SITES: [string, string, number, number][] = [
  ['Entrepôt Lyon Saint-Exupéry', '69125', 45.7256, 5.0811],
  ['Entrepôt Orléans Saran', '45770', 47.9516, 1.8753],
  ['Entrepôt Lille Lesquin', '59810', 50.5897, 3.1169],
];

const STREETS = ['rue de la République', 'avenue Jean Jaurès', 'boulevard Victor Hugo', 'rue du Commerce', 'place de la Gare'];

export function locations(): LocationSeed[] {
  const r = createRandom(11);
  const stores = STORE_SITES.map(([city, postalCode, lat, lng], i) => ({
    id: `store-${String(i + 1).padStart(2, '0')}`,
    name: `Store ${city}`,
    kind: 'STORE' as const,
    city: city.replace(/ (Opéra|Bastille|Montparnasse|Part-Dieu|Confluence|Vieux-Port|Prado)$/, ''),
    postalCode,
    line1: `${r.int(1, 120)} ${r.pick(STREETS)}`,
    lat,
    lng,
    pickupEnabled: i % 7 !== 6,
  }));
  const warehouses = WAREHOUSE_SITES.map(([name, postalCode, lat, lng], i) => ({
    id: `wh-${i + 1}`,
    name,
    kind: 'WAREHOUSE' as const,
    city: name.replace('Entrepôt ', '').split(' ')[0]!,
    postalCode,
    line1: `ZA des Portes, bâtiment ${i + 1}`,
    lat,
    lng,
    pickupEnabled: false,
  }));
  return [...stores, ...warehouses];
}

// ---------------------------------------------------------------- catalog

export interface CategorySeed {
  id: string;
  name: string;
  parentId: string | null;
}

export interface VariantSeed {
  sku: string;
  barcode: string;
  name: string;
  options: { name: string; value: string }[];
  /** List price in minor units. */
  price: number;
}

export interface ProductSeed {
  n: number;
  id: string;
  slug: string;
  name: string;
  brand: string;
  categoryId: string;
  description: string;
  attributes: { name: string; value: string }[];
  /** Channels the product is published on (listed but unpublished on the others it is listed on). */
  listings: { channel: ChannelName; published: boolean; title: string }[];
  variants: VariantSeed[];
}

const DEPARTMENTS: Record<string, string[]> = {
  Clothing: ['T-shirts', 'Jeans', 'Jackets', 'Dresses'],
  Shoes: ['Sneakers', 'Boots', 'Sandals'],
  Home: ['Kitchen', 'Bedding', 'Lighting'],
  Sports: ['Running', 'Cycling', 'Outdoor'],
  Electronics: ['Audio', 'Phones', 'Accessories'],
};
const BRANDS = ['Atelier Nord', 'Bleu Marine', 'Cime', 'Domus', 'Éclat', 'Fenêtre', 'Garance', 'Hexa', 'Iris', 'Jura'];
const ADJECTIVES = ['Classic', 'Urban', 'Essential', 'Premium', 'Light', 'Eco', 'Pro', 'Soft', 'Vintage', 'Compact'];
const COLOURS = ['black', 'white', 'navy', 'red', 'green', 'grey'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];

export function categories(): CategorySeed[] {
  const result: CategorySeed[] = [];
  for (const [department, children] of Object.entries(DEPARTMENTS)) {
    const parentId = `cat-${slugify(department)}`;
    result.push({ id: parentId, name: department, parentId: null });
    for (const child of children) result.push({ id: `${parentId}-${slugify(child)}`, name: child, parentId });
  }
  return result;
}

export function slugify(text: string): string {
  return foldForSearch(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function ean13(n: number): string {
  const base = `300${String(n).padStart(9, '0')}`;
  const sum = [...base].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return base + ((10 - (sum % 10)) % 10);
}

export function products(size: SeedSize): ProductSeed[] {
  const r = createRandom(42);
  const leaves = categories().filter((c) => c.parentId !== null);
  const result: ProductSeed[] = [];
  let barcode = 1;
  for (let n = 1; n <= size.products; n++) {
    const category = r.pick(leaves);
    const brand = r.pick(BRANDS);
    const name = `${r.pick(ADJECTIVES)} ${category.name.replace(/s$/, '')} ${n}`;
    const basePrice = r.int(5, 300) * 100 - r.pick([0, 1, 5, 10]);
    const variantCount = r.int(1, 6);
    const byColour = r.chance(0.5);
    const variants: VariantSeed[] = [];
    for (let v = 1; v <= variantCount; v++) {
      const option = byColour
        ? { name: 'colour', value: COLOURS[(v - 1) % COLOURS.length]! }
        : { name: 'size', value: SIZES[(v - 1) % SIZES.length]! };
      variants.push({
        sku: skuOf(n, v),
        barcode: ean13(barcode++),
        name: `${name} – ${option.value}`,
        options: [option],
        price: basePrice + (byColour ? 0 : (v - 1) * 100),
      });
    }
    const listings = CHANNELS.filter((c) => c === 'WEB' || c === 'STORE' || c === 'CALL_CENTER' || r.chance(0.7)).map(
      (channel) => ({
        channel,
        published: !r.chance(0.05),
        title: channel === 'MARKETPLACE' ? `${brand} ${name}` : name,
      }),
    );
    result.push({
      n,
      id: productId(n),
      slug: `${slugify(name)}-${n}`,
      name,
      brand,
      categoryId: category.id,
      description: `${name} by ${brand}. A ${category.name.toLowerCase()} essential, made to last.`,
      attributes: [
        { name: 'material', value: r.pick(['cotton', 'wool', 'steel', 'oak', 'recycled polyester']) },
        { name: 'origin', value: r.pick(['France', 'Portugal', 'Italy', 'Spain']) },
      ],
      listings,
      variants,
    });
  }
  return result;
}
