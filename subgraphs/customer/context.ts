import type { Kysely } from 'kysely';
import { auditReadsOnce, type AuditRecorder, type ReadAudit } from '../shared/audit.js';
import type { SubgraphPrincipal } from '../../platform/principal.js';
import type { SubgraphServices } from '../shared/subgraph-server.js';
import { createCustomerLoaders, type CustomerLoaders } from './loaders.js';
import type { CustomerDatabase } from './tables.js';

/** What every resolver of the customer subgraph receives; a fresh one per request. */
export interface CustomerContext {
  db: Kysely<CustomerDatabase>;
  loaders: CustomerLoaders;
  /** Who the request acts for (verified gateway vouching); the ownership rules read it. */
  principal: SubgraphPrincipal;
  /** The audit trail the mutations record to. */
  audit: AuditRecorder;
  /** The same trail for store staff's reads of a customer: one entry per customer in this request. */
  auditRead: ReadAudit;
}

export function createCustomerContext(
  db: Kysely<CustomerDatabase>,
  services: Pick<SubgraphServices, 'audit'>,
  principal: SubgraphPrincipal,
): CustomerContext {
  return { db, loaders: createCustomerLoaders(db), principal, audit: services.audit, auditRead: auditReadsOnce(services.audit, principal) };
}
