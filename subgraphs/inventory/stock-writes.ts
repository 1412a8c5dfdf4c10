/**
 * Stock that moves without a reservation: a sale at a till (or shipped), a delivery, a count.
 * The rules and codes are in RULES.md.
 */
import {
  checkIdempotencyKey,
  findPriorOutcome,
  idempotentRequest,
  recordOutcome,
  type IdempotentRequest,
} from './idempotency.js';
import { writeStockLedger, type LedgerServices, type LedgerWriter } from './ledger-writer.js';
import type { StockChangeModel } from './models.js';
import { findMovementsBySequences } from './ledger-reader.js';
import { findLocationById, findStockedSkus } from './repository.js';
import { SALE_RECORDED_TOPIC, type SaleRecordedEvent } from './stock-events.js';
import {
  checkAdjustStockRequest,
  checkSaleRequest,
  type AdjustStockRequest,
  type SaleRequest,
} from './stock-input-rules.js';
import { unknownLocation, unknownStockLevel, type UserError } from './user-errors.js';

export interface StockOutcome {
  /** The ledger rows written, in order; empty when refused. */
  changes: StockChangeModel[];
  userErrors: UserError[];
}

/** What an idempotency key keeps of a stock request: replays read the same ledger rows back. */
type RecordedStock = { sequences: number[]; userErrors?: never } | { sequences?: never; userErrors: UserError[] };

const refused = (userErrors: UserError[]): StockOutcome => ({ changes: [], userErrors });

/**
 * Runs a keyed stock write: the first time, `decide` moves stock (or refuses) and its outcome is
 * recorded under the key; a retry reads the same rows back and moves nothing.
 */
async function writeOnce(
  target: LedgerServices,
  request: IdempotentRequest,
  decide: (ledger: LedgerWriter) => Promise<StockOutcome>,
  onReplay: (ledger: LedgerWriter, changes: StockChangeModel[]) => void = () => {},
): Promise<StockOutcome> {
  return writeStockLedger(target, async (ledger) => {
    const prior = await findPriorOutcome<RecordedStock>(ledger.trx, request);
    if (prior.kind === 'conflict') return refused([prior.error]);
    if (prior.kind === 'replay') {
      if (prior.result.userErrors) return refused(prior.result.userErrors);
      const changes = await findMovementsBySequences(ledger.trx, prior.result.sequences);
      onReplay(ledger, changes);
      return { changes, userErrors: [] };
    }
    const outcome = await decide(ledger);
    const recorded: RecordedStock =
      outcome.userErrors.length > 0
        ? { userErrors: outcome.userErrors }
        : { sequences: outcome.changes.map((c) => c.sequence) };
    await recordOutcome(ledger.trx, request, recorded, ledger.now.toISOString());
    return outcome;
  });
}

/** A sale: one SALE movement per line, never refused for stock (on_hand may go negative). */
export async function recordSale(
  target: LedgerServices,
  input: SaleRequest,
  idempotencyKey: string,
): Promise<StockOutcome> {
  const invalid = [...checkIdempotencyKey(idempotencyKey), ...checkSaleRequest(input)];
  if (invalid.length > 0) return refused(invalid);
  const request = idempotentRequest(idempotencyKey, 'recordSale', input);
  return writeOnce(
    target,
    request,
    (ledger) => sellLines(ledger, input, idempotencyKey),
    // A retry may follow a crash between commit and enqueue: it announces the sale again, under the
    // same sale id, which the consumer deduplicates (EVENTS.md).
    (ledger, changes) => announceSale(ledger, input, changes),
  );
}

async function sellLines(ledger: LedgerWriter, input: SaleRequest, idempotencyKey: string): Promise<StockOutcome> {
  const location = await findLocationById(ledger.trx, input.locationId);
  if (!location) return refused([unknownLocation(input.locationId)]);
  // Every line is checked before any moves: a sale is recorded whole or not at all.
  const skus = input.lines.map((line) => line.sku);
  const stocked = await findStockedSkus(ledger.trx, input.locationId, skus);
  const unknown = skus.flatMap((sku, i) =>
    stocked.has(sku) ? [] : [unknownStockLevel(location.name, sku, ['input', 'lines', i, 'sku'])],
  );
  if (unknown.length > 0) return refused(unknown);
  const changes: StockChangeModel[] = [];
  for (const line of input.lines) {
    const level = { sku: line.sku, locationId: input.locationId };
    const moved = await ledger.move(level, { reason: 'SALE', quantity: line.quantity }, { idempotencyKey });
    if (!moved) throw new Error(`The level of sku ${line.sku} at ${input.locationId} vanished during a sale`);
    changes.push(moved);
  }
  announceSale(ledger, input, changes);
  return { changes, userErrors: [] };
}

/** A sale that names a customer joins that customer's order history, through the work queue. */
function announceSale(ledger: LedgerWriter, input: SaleRequest, changes: readonly StockChangeModel[]): void {
  const first = changes[0];
  if (input.customerId == null || !first) return;
  const event: SaleRecordedEvent = {
    saleId: `sale-${first.sequence}`,
    customerId: input.customerId,
    locationId: input.locationId,
    channel: input.channel,
    at: first.at,
    // checkSaleRequest made every line of a named sale carry a unit price.
    lines: input.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: { amount: line.unitPrice!.amount, currency: line.unitPrice!.currency },
    })),
  };
  ledger.enqueueAfterCommit(SALE_RECORDED_TOPIC, event);
}

/** A delivery (RESTOCK, delta > 0) or a count (CORRECTION, delta either way but 0). */
export async function adjustStock(
  target: LedgerServices,
  input: AdjustStockRequest,
  idempotencyKey: string,
): Promise<StockOutcome> {
  const invalid = [...checkIdempotencyKey(idempotencyKey), ...checkAdjustStockRequest(input)];
  if (invalid.length > 0) return refused(invalid);
  const request = idempotentRequest(idempotencyKey, 'adjustStock', input);
  return writeOnce(target, request, async (ledger) => {
    const location = await findLocationById(ledger.trx, input.locationId);
    if (!location) return refused([unknownLocation(input.locationId)]);
    const level = { sku: input.sku, locationId: input.locationId };
    const moved = await ledger.move(level, { reason: input.reason, quantity: input.delta }, { idempotencyKey });
    if (!moved) return refused([unknownStockLevel(location.name, input.sku, ['input', 'sku'])]);
    return { changes: [moved], userErrors: [] };
  });
}
