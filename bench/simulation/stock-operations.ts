/**
 * Sends a planned operation through the gateway and reads its outcome. RecordSale,
 * ReserveForPickup and AdjustStock are the exact documents our users send (tests/operations/);
 * cancel and collect have no such document, so they are small inline ones.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GatewayCallError, type GatewayClient } from './gateway-client.js';
import type { PlannedOperation } from './traffic-plan.js';

const userOperation = (name: string) => readFileSync(new URL(`../../tests/operations/${name}.graphql`, import.meta.url), 'utf8');
const RECORD_SALE = userOperation('RecordSale');
const RESERVE_FOR_PICKUP = userOperation('ReserveForPickup');
const ADJUST_STOCK = userOperation('AdjustStock');
const UPDATE_VARIANT_PRICE = /* GraphQL */ `
  mutation UpdateVariantPrice($input: UpdatePriceInput!, $idempotencyKey: String!) {
    updateVariantPrice(input: $input, idempotencyKey: $idempotencyKey) { variant { sku } userErrors { code message field } }
  }
`;

// `$at` asks for the level's availability after the change, so the line can show it.
const COLLECT_RESERVATION = /* GraphQL */ `
  mutation CollectReservation($id: ID!, $at: [ID!]) {
    collectReservation(id: $id) {
      reservation { id status variant { stock(locationIds: $at) { available } } }
      userErrors { code message field }
    }
  }
`;
const CANCEL_RESERVATION = /* GraphQL */ `
  mutation CancelReservation($id: ID!, $at: [ID!]) {
    cancelReservation(id: $id) {
      reservation { id status variant { stock(locationIds: $at) { available } } }
      userErrors { code message field }
    }
  }
`;

interface UserError {
  code: string;
  message: string;
}

/** A ledger row the operation wrote, as far as the line and the summary need it. */
export interface WrittenChange {
  sequence: number;
  sku: string;
  locationId: string;
  reason: string;
  available: number;
}

export type OperationOutcome =
  | { status: 'done'; changes: WrittenChange[]; reservationId?: string; expiresAt?: string; available?: number }
  /** A userError: the graph said no for a reason a person can act on (INSUFFICIENT_STOCK is normal traffic). */
  | { status: 'refused'; code: string; message: string }
  /** The call itself failed: unreachable gateway, HTTP or GraphQL errors. */
  | { status: 'failed'; code: string; message: string };

const refusedBy = (errors: UserError[]): OperationOutcome | undefined =>
  errors[0] ? { status: 'refused', code: errors[0].code, message: errors[0].message } : undefined;

interface StockPayload {
  changes: { sequence: number; reason: string; available: number; variant?: { sku: string }; location?: { id: string } }[];
  userErrors: UserError[];
}

interface ReservationPayload {
  reservation: { id: string; expiresAt?: string; variant?: { stock: { available: number }[] } } | null;
  userErrors: UserError[];
}

async function send(client: GatewayClient, operation: PlannedOperation, token: string | undefined): Promise<OperationOutcome> {
  switch (operation.kind) {
    case 'sale': {
      const input = {
        locationId: operation.locationId,
        channel: 'STORE',
        lines: operation.lines,
        ...(operation.customerId ? { customerId: operation.customerId } : {}),
      };
      const { recordSale } = await client.execute<{ recordSale: StockPayload }>(RECORD_SALE, { input, idempotencyKey: randomUUID() }, token);
      return (
        refusedBy(recordSale.userErrors) ?? {
          status: 'done',
          changes: recordSale.changes.map((c, i) => ({
            sequence: c.sequence,
            sku: c.variant?.sku ?? operation.lines[i]!.sku,
            locationId: c.location?.id ?? operation.locationId,
            reason: c.reason,
            available: c.available,
          })),
        }
      );
    }
    case 'reservation': {
      const { locationId, sku, quantity, customerId } = operation;
      const { reserveForPickup } = await client.execute<{ reserveForPickup: ReservationPayload }>(
        RESERVE_FOR_PICKUP,
        { input: { locationId, sku, quantity, customerId }, idempotencyKey: randomUUID() },
        token,
      );
      const reservation = reserveForPickup.reservation;
      if (!reservation) return refusedBy(reserveForPickup.userErrors) ?? { status: 'failed', code: 'BAD_PAYLOAD', message: 'no reservation and no userErrors' };
      return { status: 'done', changes: [], reservationId: reservation.id, ...(reservation.expiresAt ? { expiresAt: reservation.expiresAt } : {}) };
    }
    case 'pickup':
    case 'cancellation': {
      const { reservation } = operation;
      const [document, field] = operation.kind === 'pickup' ? [COLLECT_RESERVATION, 'collectReservation'] : [CANCEL_RESERVATION, 'cancelReservation'];
      const data = await client.execute<Record<string, ReservationPayload>>(document, { id: reservation.id, at: [reservation.locationId] }, token);
      const payload = data[field]!;
      const available = payload.reservation?.variant?.stock[0]?.available;
      return (
        refusedBy(payload.userErrors) ?? {
          status: 'done',
          changes: [],
          reservationId: reservation.id,
          ...(available === undefined ? {} : { available }),
        }
      );
    }
    case 'restock':
    case 'correction': {
      const { locationId, sku, delta } = operation;
      const { adjustStock } = await client.execute<{ adjustStock: StockPayload }>(
        ADJUST_STOCK,
        { input: { locationId, sku, delta, reason: operation.kind === 'restock' ? 'RESTOCK' : 'CORRECTION' }, idempotencyKey: randomUUID() },
        token,
      );
      return (
        refusedBy(adjustStock.userErrors) ?? {
          status: 'done',
          changes: adjustStock.changes.map((c) => ({ sequence: c.sequence, sku, locationId, reason: c.reason, available: c.available })),
        }
      );
    }
    case 'price': {
      const { sku, price } = operation;
      const { updateVariantPrice } = await client.execute<{ updateVariantPrice: { userErrors: UserError[] } }>(
        UPDATE_VARIANT_PRICE,
        { input: { sku, price }, idempotencyKey: randomUUID() },
        token,
      );
      return refusedBy(updateVariantPrice.userErrors) ?? { status: 'done', changes: [] };
    }
  }
}

/**
 * Never rejects: a failed call is an outcome to count and print, and the traffic goes on.
 * `token`: the bearer token of whoever does the operation (bench/simulation/simulator-identity.ts).
 */
export async function performOperation(client: GatewayClient, operation: PlannedOperation, token?: string): Promise<OperationOutcome> {
  try {
    return await send(client, operation, token);
  } catch (error) {
    if (error instanceof GatewayCallError) return { status: 'failed', code: error.code, message: error.message };
    return { status: 'failed', code: 'UNEXPECTED_ANSWER', message: error instanceof Error ? error.message : String(error) };
  }
}
