/**
 * A stock level's status from its available units, for levels updated by a stream event (events
 * carry units, not the status). The inventory's rule (subgraphs/inventory/availability.ts): none is
 * OUT_OF_STOCK, 1 to 5 is LOW_STOCK, more is IN_STOCK.
 */
export type AvailabilityStatus = 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK';

const LOW_STOCK_THRESHOLD = 5;

export function statusOf(available: number): AvailabilityStatus {
  if (available <= 0) return 'OUT_OF_STOCK';
  return available <= LOW_STOCK_THRESHOLD ? 'LOW_STOCK' : 'IN_STOCK';
}
