import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineKm } from '../../subgraphs/inventory/availability.js';
import { locations } from '../../subgraphs/shared/universe.js';
import { PARIS } from '../support/operations.js';
import { startInventory, type TestInventory } from './harness.js';

const LOCATION_FIELDS = /* GraphQL */ `
  id name kind pickupEnabled openingHours
  address { line1 line2 postalCode city country }
  geo { lat lng }
`;

let inventory: TestInventory;
beforeAll(async () => {
  inventory = await startInventory();
});
afterAll(async () => {
  await inventory?.close();
});

describe('inventory locations', () => {
  it('returns a location by id with its address, coordinates, pickup flag and opening hours', async () => {
    const { data, errors } = await inventory.query(`{ location(id: "store-01") { ${LOCATION_FIELDS} } }`);
    expect(errors).toBeUndefined();
    const seed = locations().find((l) => l.id === 'store-01')!;
    expect(data.location).toEqual({
      id: 'store-01',
      name: seed.name,
      kind: 'STORE',
      pickupEnabled: seed.pickupEnabled,
      openingHours: expect.arrayContaining([expect.stringMatching(/^[A-Z][a-z]{2}(-[A-Z][a-z]{2})? \d\d:\d\d-\d\d:\d\d$/)]),
      address: { line1: seed.line1, line2: null, postalCode: seed.postalCode, city: seed.city, country: 'FR' },
      geo: { lat: seed.lat, lng: seed.lng },
    });
  });

  it('returns null for an unknown location id', async () => {
    const { data, errors } = await inventory.query(`{ location(id: "store-99") { id } }`);
    expect(errors).toBeUndefined();
    expect(data.location).toBeNull();
  });

  it('lists locations by id, optionally of one kind, at most `first`', async () => {
    const all = await inventory.query(`{ locations(first: 100) { id kind } }`);
    expect(all.data.locations).toHaveLength(43);
    const ids = all.data.locations.map((l: { id: string }) => l.id);
    expect(ids).toEqual([...ids].sort());

    const warehouses = await inventory.query(`{ locations(kind: WAREHOUSE) { id kind } }`);
    expect(warehouses.data.locations).toEqual([
      { id: 'wh-1', kind: 'WAREHOUSE' },
      { id: 'wh-2', kind: 'WAREHOUSE' },
      { id: 'wh-3', kind: 'WAREHOUSE' },
    ]);

    const byDefault = await inventory.query(`{ locations { id } }`);
    expect(byDefault.data.locations).toHaveLength(20);
    const none = await inventory.query(`{ locations(first: 0) { id } }`);
    expect(none.data.locations).toEqual([]);
  });

  it('lists locations nearest first when `near` is given', async () => {
    const { data, errors } = await inventory.query(
      `query ($near: GeoPointInput!) { locations(kind: STORE, near: $near, first: 5) { id geo { lat lng } } }`,
      { near: PARIS },
    );
    expect(errors).toBeUndefined();
    const distances = data.locations.map((l: { geo: { lat: number; lng: number } }) => haversineKm(PARIS, l.geo));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(data.locations[0].id).toBe('store-02'); // Paris Bastille, 1.3 km from the centre
    expect(Math.max(...distances)).toBeLessThan(15);
  });

  it.each([
    ['first above 100', '{ locations(first: 101) { id } }', 'first'],
    ['negative first', '{ locations(first: -1) { id } }', 'first'],
    ['latitude out of range', '{ locations(near: { lat: 91, lng: 2 }) { id } }', 'near'],
    ['longitude out of range', '{ locations(near: { lat: 48, lng: -181 }) { id } }', 'near'],
  ])('refuses %s with BAD_USER_INPUT', async (_case, query, argument) => {
    const { data, errors } = await inventory.query(query);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(errors?.[0]?.message).toContain(argument);
  });

  it('resolves Location references for the gateway in one statement, unknown ids as null', async () => {
    const representations = ['wh-2', 'store-40', 'nowhere', 'store-03'].map((id) => ({ __typename: 'Location', id }));
    const { body, statements } = await inventory.measure(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Location { id name kind } } }`,
      { representations },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data._entities.map((e: { id: string } | null) => e?.id ?? null)).toEqual(['wh-2', 'store-40', null, 'store-03']);
    expect(statements).toBe(1);
  });
});
