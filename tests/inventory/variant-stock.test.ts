import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availabilityStatus, haversineKm } from '../../subgraphs/inventory/availability.js';
import { locations, products } from '../../subgraphs/shared/universe.js';
import { PARIS } from '../support/operations.js';
import { SEEDED, SIZE, availableOf, seededLevels, startInventory, type TestInventory } from './harness.js';

const SITES = locations();
const WAREHOUSE_IDS = SITES.filter((l) => l.kind === 'WAREHOUSE').map((l) => l.id);
const PARIS_AREA = SITES.filter((l) => l.kind === 'STORE' && l.postalCode.match(/^(75|77|78|91|92|93|94|95)/)).map((l) => l.id);
const SKUS = products(SIZE).flatMap((p) => p.variants.map((v) => v.sku));
/** A variant with a seeded ACTIVE reservation, so `reserved` is not zero somewhere. */
const RESERVED = SEEDED.reservations.find((r) => r.status === 'ACTIVE')!;

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!, $near: GeoPointInput!) {
    _entities(representations: $representations) {
      ... on Variant {
        sku
        stock { onHand reserved available status version location { id } }
        availableOnline
        availability(near: $near, radiusKm: 30, first: 3) { available status distanceKm location { id name } }
      }
    }
  }
`;
const variants = (skus: readonly string[]) => skus.map((sku) => ({ __typename: 'Variant', sku }));

let inventory: TestInventory;
beforeAll(async () => {
  inventory = await startInventory();
});
afterAll(async () => {
  await inventory?.close();
});

async function variantField(sku: string, selection: string, variables: Record<string, unknown> = {}) {
  // GraphQL refuses a declared variable that the selection does not use.
  const nearVariable = selection.includes('$near') ? ', $near: GeoPointInput!' : '';
  const { data, errors } = await inventory.query(
    `query ($representations: [_Any!]!${nearVariable}) { _entities(representations: $representations) { ... on Variant { ${selection} } } }`,
    { representations: variants([sku]), ...(nearVariable ? { near: PARIS } : {}), ...variables },
  );
  return { entity: data?._entities?.[0], errors };
}

describe('Variant stock', () => {
  it('lists the level at every location, by location id, with available = max(onHand - reserved, 0) and its status', async () => {
    const { entity, errors } = await variantField(
      RESERVED.sku,
      'sku stock { location { id } onHand reserved available status version }',
    );
    expect(errors).toBeUndefined();
    const seeded = seededLevels(RESERVED.sku);
    expect(entity.stock).toHaveLength(SITES.length);
    expect(entity.stock.map((s: { location: { id: string } }) => s.location.id)).toEqual([...seeded.keys()].sort());
    for (const level of entity.stock) {
      const row = seeded.get(level.location.id)!;
      expect(level).toEqual({
        location: { id: row.location_id },
        onHand: row.on_hand,
        reserved: row.reserved,
        available: availableOf(row),
        status: availabilityStatus(availableOf(row)),
        version: row.version,
      });
    }
    const held = entity.stock.find((s: { location: { id: string } }) => s.location.id === RESERVED.location_id);
    expect(held.reserved).toBeGreaterThanOrEqual(RESERVED.quantity);
    expect(held.version).toBeGreaterThanOrEqual(2);
  });

  it('lists only the requested locations, in the order asked, skipping unknown ids', async () => {
    const { entity } = await variantField(SKUS[0]!, 'stock(locationIds: ["wh-2", "nowhere", "store-05", "wh-2"]) { location { id } }');
    expect(entity.stock).toEqual([{ location: { id: 'wh-2' } }, { location: { id: 'store-05' } }]);
    const { entity: none } = await variantField(SKUS[0]!, 'stock(locationIds: []) { location { id } }');
    expect(none.stock).toEqual([]);
  });

  it('knows no stock for a sku it has never seen', async () => {
    const { entity, errors } = await variantField(
      'SKU-99999-9',
      'sku stock { onHand } availableOnline availability(near: $near, radiusKm: 500, first: 50) { available }',
    );
    expect(errors).toBeUndefined();
    expect(entity).toEqual({ sku: 'SKU-99999-9', stock: [], availableOnline: 0, availability: [] });
  });
});

describe('Variant.availableOnline', () => {
  it('adds up what the warehouses can sell', async () => {
    for (const sku of SKUS.slice(0, 5)) {
      const seeded = seededLevels(sku);
      const expected = WAREHOUSE_IDS.reduce((sum, id) => sum + availableOf(seeded.get(id)!), 0);
      const { entity } = await variantField(sku, 'availableOnline');
      expect(entity.availableOnline).toBe(expected);
    }
  });
});

describe('Variant.availability', () => {
  it('near Paris within 30 km lists only Paris-area stores that have it, nearest first, at most `first`', async () => {
    let checked = 0;
    for (const sku of SKUS.slice(0, 12)) {
      const seeded = seededLevels(sku);
      const expected = PARIS_AREA.filter((id) => availableOf(seeded.get(id)!) > 0)
        .map((id) => ({ id, distanceKm: haversineKm(PARIS, SITES.find((s) => s.id === id)!) }))
        .sort((a, b) => a.distanceKm - b.distanceKm)
        .slice(0, 4);
      const { entity, errors } = await variantField(
        sku,
        'availability(near: $near, radiusKm: 30, first: 4) { location { id kind } available status distanceKm }',
      );
      expect(errors).toBeUndefined();
      expect(entity.availability.map((a: { location: { id: string } }) => a.location.id)).toEqual(expected.map((e) => e.id));
      for (const [i, entry] of entity.availability.entries()) {
        expect(entry.location.kind).toBe('STORE');
        expect(entry.available).toBe(availableOf(seeded.get(entry.location.id)!));
        expect(entry.available).toBeGreaterThan(0);
        expect(entry.status).toBe(availabilityStatus(entry.available));
        expect(entry.distanceKm).toBeCloseTo(expected[i]!.distanceKm, 1);
        expect(entry.distanceKm).toBeLessThanOrEqual(30);
      }
      checked += entity.availability.length;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('defaults to 25 km and 5 stores', async () => {
    const { entity } = await variantField(SKUS[1]!, 'availability(near: $near) { distanceKm }');
    expect(entity.availability.length).toBeLessThanOrEqual(5);
    for (const entry of entity.availability) expect(entry.distanceKm).toBeLessThanOrEqual(25);
  });

  it('finds nothing within 0 to 50 km of the middle of the Atlantic', async () => {
    const { entity } = await variantField(SKUS[0]!, 'availability(near: $near, radiusKm: 500, first: 50) { available }', {
      near: { lat: 45, lng: -30 },
    });
    expect(entity.availability).toEqual([]);
  });

  it.each([
    ['latitude above 90', { near: { lat: 90.5, lng: 2 } }, 'near'],
    ['longitude below -180', { near: { lat: 48, lng: -180.1 } }, 'near'],
    ['a negative radius', { radiusKm: -1 }, 'radiusKm'],
    ['a radius above 500 km', { radiusKm: 501 }, 'radiusKm'],
    ['first above 50', { first: 51 }, 'first'],
    ['a negative first', { first: -1 }, 'first'],
  ])('refuses %s with BAD_USER_INPUT', async (_case, args, argument) => {
    const { errors } = await inventory.query(
      `query ($representations: [_Any!]!, $near: GeoPointInput!, $radiusKm: Float, $first: Int) {
        _entities(representations: $representations) { ... on Variant { availability(near: $near, radiusKm: $radiusKm, first: $first) { available } } }
      }`,
      { representations: variants([SKUS[0]!]), near: PARIS, radiusKm: 25, first: 5, ...args },
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(errors?.[0]?.message).toContain(argument);
  });
});

describe('Variant batching', () => {
  it('answers stock, availableOnline and availability for 5 or 50 variants with the same, bounded number of statements', async () => {
    expect(SKUS.length).toBeGreaterThanOrEqual(50);
    const five = await inventory.measure(ENTITIES, { representations: variants(SKUS.slice(0, 5)), near: PARIS });
    const fifty = await inventory.measure(ENTITIES, { representations: variants(SKUS.slice(0, 50)), near: PARIS });
    expect(five.body.errors).toBeUndefined();
    expect(fifty.body.errors).toBeUndefined();
    expect(fifty.body.data._entities).toHaveLength(50);
    expect(fifty.body.data._entities[49].stock).toHaveLength(SITES.length);
    // One statement for the levels of every sku, one for the per-kind sums, one for the locations.
    expect(fifty.statements).toBeLessThanOrEqual(3);
    expect(fifty.statements).toBe(five.statements);
  });

  it('resolves a Variant reference without touching the database', async () => {
    const { body, statements } = await inventory.measure(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Variant { sku } } }`,
      { representations: variants(SKUS.slice(0, 50)) },
    );
    expect(body.data._entities.map((e: { sku: string }) => e.sku)).toEqual(SKUS.slice(0, 50));
    expect(statements).toBe(0);
  });
});
