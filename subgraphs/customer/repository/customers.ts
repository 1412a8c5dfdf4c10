import { sql, type Kysely } from 'kysely';
import { containsInsensitive } from '../../../platform/database.js';
import type { CustomerSearch } from '../domain/customer-search.js';
import type { ConsentsState } from '../domain/consents.js';
import type { LoyaltyTierName } from '../domain/loyalty.js';
import type { CustomerProfile } from '../models.js';
import type { AddressRow, CustomerDatabase, CustomerRow } from '../tables.js';
import { groupBy } from '../../shared/group-by.js';

export interface AddressModel {
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  country: string;
}

export function toCustomerProfile(row: CustomerRow): CustomerProfile {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    loyalty: { tier: row.loyalty_tier as LoyaltyTierName, points: row.loyalty_points },
    preferredStoreId: row.preferred_store_id,
    consents: {
      email: row.consents_email === 1,
      sms: row.consents_sms === 1,
      personalizedOffers: row.consents_personalized === 1,
      updatedAt: row.consents_updated_at,
    },
  };
}

function toAddress(row: AddressRow): AddressModel {
  return { line1: row.line1, line2: row.line2, postalCode: row.postal_code, city: row.city, country: row.country };
}

export async function findCustomersByIds(db: Kysely<CustomerDatabase>, ids: readonly string[]): Promise<CustomerProfile[]> {
  const rows = await db.selectFrom('customers').selectAll().where('id', 'in', ids).execute();
  return rows.map(toCustomerProfile);
}

/**
 * Customers whose "first last", e-mail or phone contains the search, or whose customer number is
 * the loyalty number searched: that one first, then customer-number order.
 */
export async function searchCustomers(db: Kysely<CustomerDatabase>, search: CustomerSearch): Promise<CustomerProfile[]> {
  if (search.first === 0) return [];
  const { loyaltyNumber } = search;
  let query = db
    .selectFrom('customers')
    .selectAll()
    .where((eb) =>
      eb.or([
        containsInsensitive('search_name', search.name),
        containsInsensitive('email', search.email),
        ...(search.phone ? [containsInsensitive('phone', search.phone)] : []),
        ...(loyaltyNumber !== null ? [eb('n', '=', loyaltyNumber)] : []),
      ]),
    );
  if (loyaltyNumber !== null) query = query.orderBy(sql`case when ${sql.ref('n')} = ${loyaltyNumber} then 0 else 1 end`);
  const rows = await query.orderBy('n').limit(search.first).execute();
  return rows.map(toCustomerProfile);
}

/** Each customer's addresses, the default (position 0) first. */
export async function findAddressesByCustomerIds(
  db: Kysely<CustomerDatabase>,
  customerIds: readonly string[],
): Promise<Map<string, AddressModel[]>> {
  const rows = await db
    .selectFrom('addresses')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .orderBy('customer_id')
    .orderBy('position')
    .execute();
  return groupBy(rows, (row) => row.customer_id, toAddress);
}

export async function updateCustomerConsents(db: Kysely<CustomerDatabase>, customerId: string, consents: ConsentsState): Promise<void> {
  await db
    .updateTable('customers')
    .set({
      consents_email: consents.email ? 1 : 0,
      consents_sms: consents.sms ? 1 : 0,
      consents_personalized: consents.personalizedOffers ? 1 : 0,
      consents_updated_at: consents.updatedAt,
    })
    .where('id', '=', customerId)
    .execute();
}
