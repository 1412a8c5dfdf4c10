import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_EPOCH } from '../../subgraphs/shared/universe.js';
import { SEEDED, SIZE, startInventory, type TestInventory } from './harness.js';

const RESERVATION_FIELDS = /* GraphQL */ `
  id quantity status expiresAt createdAt customerId
  variant { sku }
  location { id kind pickupEnabled }
`;
const YEAR = 365 * 86_400_000;

let inventory: TestInventory;
beforeAll(async () => {
  inventory = await startInventory();
});
afterAll(async () => {
  await inventory?.close();
});

describe('reservations', () => {
  it('seeds a few dozen ACTIVE reservations in pickup stores, still active a year after the seed epoch', () => {
    const active = SEEDED.reservations.filter((r) => r.status === 'ACTIVE');
    expect(active.length).toBeGreaterThanOrEqual(24);
    for (const reservation of active) {
      expect(Date.parse(reservation.expires_at)).toBeGreaterThan(SEED_EPOCH + YEAR);
      expect(Date.parse(reservation.created_at)).toBeLessThanOrEqual(SEED_EPOCH);
      expect(Number(reservation.customer_id.slice('cust-'.length))).toBeLessThanOrEqual(SIZE.customers);
    }
  });

  it('returns a reservation by id: its variant as a reference, its store and its customer id', async () => {
    const seeded = SEEDED.reservations.find((r) => r.status === 'ACTIVE')!;
    const { data, errors } = await inventory.query(`query ($id: ID!) { reservation(id: $id) { ${RESERVATION_FIELDS} } }`, {
      id: seeded.id,
    });
    expect(errors).toBeUndefined();
    expect(data.reservation).toEqual({
      id: seeded.id,
      quantity: seeded.quantity,
      status: 'ACTIVE',
      expiresAt: seeded.expires_at,
      createdAt: seeded.created_at,
      customerId: seeded.customer_id,
      variant: { sku: seeded.sku },
      location: { id: seeded.location_id, kind: 'STORE', pickupEnabled: true },
    });
  });

  it('returns null for an unknown reservation id', async () => {
    const { data, errors } = await inventory.query(`{ reservation(id: "resv-nope") { id } }`);
    expect(errors).toBeUndefined();
    expect(data.reservation).toBeNull();
  });

  it('resolves Reservation references with their customer id (for the customer subgraph) in bounded statements', async () => {
    const ids = SEEDED.reservations.map((r) => r.id);
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Reservation { id status customerId location { id } variant { sku } } } }`;
    const few = await inventory.measure(query, { representations: ids.slice(0, 3).map((id) => ({ __typename: 'Reservation', id })) });
    const all = await inventory.measure(query, {
      representations: [...ids, 'resv-nope'].map((id) => ({ __typename: 'Reservation', id })),
    });
    expect(all.body.errors).toBeUndefined();
    expect(all.body.data._entities).toHaveLength(ids.length + 1);
    expect(all.body.data._entities.at(-1)).toBeNull();
    for (const [i, seeded] of SEEDED.reservations.entries()) {
      expect(all.body.data._entities[i]).toEqual({
        id: seeded.id,
        status: seeded.status,
        customerId: seeded.customer_id,
        location: { id: seeded.location_id },
        variant: { sku: seeded.sku },
      });
    }
    // One statement for the reservations, one for the locations.
    expect(all.statements).toBe(2);
    expect(few.statements).toBe(all.statements);
  });
});
