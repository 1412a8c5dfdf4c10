/**
 * What a person watching the simulator reads: one aligned line per operation and a summary at
 * the end. Formatting only.
 */
import type { OperationOutcome } from './stock-operations.js';
import { OPERATION_KINDS, type OperationKind, type PlannedOperation } from './traffic-plan.js';

export const KIND_LABELS: Record<OperationKind, string> = {
  sale: 'SALE',
  reservation: 'RESERVE',
  pickup: 'PICKUP',
  cancellation: 'CANCEL',
  restock: 'RESTOCK',
  correction: 'CORRECTION',
  price: 'PRICE',
};

const clock = (at: Date) => at.toTimeString().slice(0, 8);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function locationOf(operation: PlannedOperation): string {
  if (operation.kind === 'price') return 'catalog';
  return 'reservation' in operation ? operation.reservation.locationId : operation.locationId;
}

function itemsOf(operation: PlannedOperation): string {
  switch (operation.kind) {
    case 'sale':
      return operation.lines.map((line) => `${line.sku} x${line.quantity}`).join(', ');
    case 'reservation':
      return `${operation.sku} x${operation.quantity}`;
    case 'pickup':
    case 'cancellation':
      return `${operation.reservation.sku} x${operation.reservation.quantity}`;
    case 'restock':
    case 'correction':
      return `${operation.sku} ${signed(operation.delta)}`;
    case 'price':
      return `${operation.sku} ${(operation.price.amount / 100).toFixed(2)} ${operation.price.currency}`;
  }
}

function resultOf(operation: PlannedOperation, outcome: OperationOutcome): string {
  if (outcome.status === 'refused') return `refused ${outcome.code}: ${outcome.message}`;
  if (outcome.status === 'failed') return `ERROR ${outcome.code}: ${outcome.message}`;
  const parts: string[] = [];
  if (outcome.changes.length > 0) {
    parts.push(`available ${outcome.changes.map((c) => c.available).join('/')}`);
    const first = outcome.changes[0]!.sequence;
    const last = outcome.changes[outcome.changes.length - 1]!.sequence;
    parts.push(`seq ${first === last ? first : `${first}-${last}`}`);
  }
  if (outcome.available !== undefined) parts.push(`available ${outcome.available}`);
  if (operation.kind === 'reservation') parts.push(`held for ${operation.customerId}${outcome.expiresAt ? ` until ${clock(new Date(outcome.expiresAt)).slice(0, 5)}` : ''}`);
  if (operation.kind === 'pickup' || operation.kind === 'cancellation') parts.push(`for ${operation.reservation.customerId}`);
  if (outcome.reservationId) parts.push(outcome.reservationId);
  if (operation.kind === 'sale' && operation.customerId) parts.push(operation.customerId);
  return parts.join('  ');
}

/** e.g. `08:01:02  SALE        store-02  SKU-00042-1 x2        available 13  seq 301124` */
export function formatOperationLine(at: Date, operation: PlannedOperation, outcome: OperationOutcome): string {
  return `${clock(at)}  ${KIND_LABELS[operation.kind].padEnd(10)}  ${locationOf(operation).padEnd(8)}  ${itemsOf(operation).padEnd(20)}  ${resultOf(operation, outcome)}`;
}

export interface KindCounts {
  done: number;
  refused: number;
  failed: number;
}

export interface SimulationSummary {
  seed: number;
  elapsedSeconds: number;
  operations: number;
  byKind: Record<OperationKind, KindCounts>;
  /** userError codes and how often each came back. */
  refusals: Record<string, number>;
  /** Failed calls (HTTP, GraphQL or network errors). */
  errors: number;
  /** Every ledger row the simulator's sales and adjustments wrote, in the order answers came back. */
  changes: { sequence: number; sku: string; locationId: string; reason: string }[];
  /** Reservations made, with where. */
  reservations: { id: string; sku: string; locationId: string }[];
}

export function formatSummary(summary: SimulationSummary): string {
  const rate = summary.elapsedSeconds > 0 ? summary.operations / summary.elapsedSeconds : 0;
  const lines = [`Summary: ${summary.operations} operations in ${summary.elapsedSeconds.toFixed(1)} s (${rate.toFixed(1)}/s), seed ${summary.seed}`];
  for (const kind of OPERATION_KINDS) {
    const { done, refused, failed } = summary.byKind[kind];
    const extras = [refused ? `refused ${refused}` : '', failed ? `errors ${failed}` : ''].filter(Boolean).join(', ');
    lines.push(`  ${KIND_LABELS[kind].padEnd(10)}  ${String(done + refused + failed).padStart(6)}${extras ? `   (${extras})` : ''}`);
  }
  const refusals = Object.entries(summary.refusals)
    .sort(([, a], [, b]) => b - a)
    .map(([code, n]) => `${code} ${n}`);
  lines.push(`  refusals: ${refusals.length ? refusals.join(', ') : 'none'}`);
  lines.push(`  errors: ${summary.errors}`);
  return lines.join('\n');
}
