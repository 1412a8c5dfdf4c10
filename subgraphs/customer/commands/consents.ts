import type { Kysely } from 'kysely';
import { applyConsentsChange, type ConsentsChange } from '../domain/consents.js';
import { customerNotFound } from '../domain/errors.js';
import type { CustomerProfile } from '../models.js';
import { findCustomersByIds, updateCustomerConsents } from '../repository/customers.js';
import type { CustomerDatabase } from '../tables.js';
import { done, refused, type CommandResult } from './command-result.js';

/** Changes the consents given; see `applyConsentsChange` for when `updatedAt` moves. */
export async function updateConsents(
  db: Kysely<CustomerDatabase>,
  customerId: string,
  change: ConsentsChange,
  now: string,
): Promise<CommandResult<CustomerProfile>> {
  return db.transaction().execute(async (trx) => {
    const [customer] = await findCustomersByIds(trx, [customerId]);
    if (!customer) return refused([customerNotFound(customerId, ['customerId'])]);
    const consents = applyConsentsChange(customer.consents, change, now);
    if (consents === customer.consents) return done(customer);
    await updateCustomerConsents(trx, customerId, consents);
    return done({ ...customer, consents });
  });
}
