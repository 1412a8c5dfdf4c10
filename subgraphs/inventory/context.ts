import type DataLoader from 'dataloader';
import { allByKey, oneByKey } from '../shared/loaders.js';
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../shared/audit.js';
import type { SubgraphPrincipal } from '../../platform/principal.js';
import type {
  LocationModel,
  ReservationChangeModel,
  ReservationModel,
  StockChangeModel,
  StockLevelModel,
  StockSummaryModel,
} from './models.js';
import { findAllLocations, findReservationsByIds, findStockLevelsBySkus, findStockSummariesBySkus } from './repository.js';
import type { InventoryDatabase } from './tables.js';
import type { SubgraphServices } from '../shared/subgraph-server.js';
import { streamStockChanges, type StockStreamOptions } from './stock-stream.js';
import type { LedgerServices } from './ledger-writer.js';
import { streamReservationChanges, type ReservationStreamOptions } from './reservation-stream.js';

/** The locations of one request: loaded whole on first use (one statement), then looked up in memory. */
export interface LocationDirectory {
  all(): Promise<LocationModel[]>;
  byId(id: string): Promise<LocationModel | null>;
}

export interface InventoryContext {
  /** Who the request acts for (verified gateway vouching); the ownership rules read it. */
  principal: SubgraphPrincipal;
  /** The audit trail the stock mutations record to. */
  audit: AuditRecorder;
  locations: LocationDirectory;
  /** Levels of a sku at every location (one statement for all the skus of a tick). */
  stockBySku: DataLoader<string, StockLevelModel[]>;
  /** Available units of a sku per location kind (one small statement for all the skus of a tick). */
  stockSummaryBySku: DataLoader<string, StockSummaryModel[]>;
  reservationById: DataLoader<string, ReservationModel | null>;
  /** Where stock-moving transactions run and announce their commits (the mutations' side). */
  ledger: LedgerServices;
  /** The live stock stream of one subscription (replay, then live). */
  streamStockChanges(options: StockStreamOptions): AsyncIterableIterator<StockChangeModel>;
  /** The reservation changes of one subscription (replay, then live). */
  streamReservationChanges(options: ReservationStreamOptions): AsyncIterableIterator<ReservationChangeModel>;
}

function createLocationDirectory(db: Kysely<InventoryDatabase>): LocationDirectory {
  let loaded: Promise<{ all: LocationModel[]; byId: Map<string, LocationModel> }> | undefined;
  const load = () =>
    (loaded ??= findAllLocations(db).then((all) => ({ all, byId: new Map(all.map((l) => [l.id, l])) })));
  return {
    all: async () => (await load()).all,
    byId: async (id) => (await load()).byId.get(id) ?? null,
  };
}

export function createInventoryContext(
  db: Kysely<InventoryDatabase>,
  services: SubgraphServices,
  principal: SubgraphPrincipal,
): InventoryContext {
  return {
    principal,
    audit: services.audit,
    ledger: { db, services },
    streamStockChanges: (options) => streamStockChanges(db, services.events, options),
    streamReservationChanges: (options) => streamReservationChanges(db, services.events, options),
    locations: createLocationDirectory(db),
    stockBySku: allByKey((skus) => findStockLevelsBySkus(db, skus), (level) => level.sku),
    stockSummaryBySku: allByKey((skus) => findStockSummariesBySkus(db, skus), (summary) => summary.sku),
    reservationById: oneByKey((ids) => findReservationsByIds(db, ids), (r) => r.id),
  };
}
