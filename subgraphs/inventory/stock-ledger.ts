/**
 * The rules of the stock movement ledger: how each kind of change moves a stock level.
 *
 * Every change to a level appends one movement and bumps the level's version by exactly one, so
 * for every level, at all times:
 *   - on_hand  = the sum of the `delta` of its movements (delta is the change of on_hand only);
 *   - reserved = the `reserved` of its latest movement;
 *   - version  = the number of its movements, and their versions are 1, 2, 3... without gaps.
 *
 * | reason      | on_hand | reserved | delta | when                                            |
 * | ----------- | ------- | -------- | ----- | ----------------------------------------------- |
 * | RESTOCK     | +q      |          | +q    | a delivery arrives (the seed's opening balance) |
 * | SALE        | -q      |          | -q    | units sold over a counter or shipped            |
 * | RESERVATION |         | +q       | 0     | units held for a click & collect customer       |
 * | RELEASE     |         | -q       | 0     | a reservation is cancelled or expires           |
 * | PICKUP      | -q      | -q       | -q    | the customer collects what was held             |
 * | CORRECTION  | +/-q    |          | +/-q  | a count fixes on_hand (may go either way)       |
 *
 * Whether a change is allowed (enough available stock, a reservation still active...) is decided by
 * the caller before applying it; these functions only compute the next state.
 */

export const STOCK_CHANGE_REASONS = ['SALE', 'RESTOCK', 'RESERVATION', 'RELEASE', 'PICKUP', 'CORRECTION'] as const;
export type StockChangeReason = (typeof STOCK_CHANGE_REASONS)[number];

export interface LevelState {
  onHand: number;
  reserved: number;
  version: number;
}

export interface StockChange {
  reason: StockChangeReason;
  /**
   * Units moved: a positive count for every reason but CORRECTION, whose sign says which way
   * on_hand moves.
   */
  quantity: number;
}

export interface AppliedChange {
  /** The level after the change. */
  level: LevelState;
  /** Change of on_hand, as recorded in the ledger. */
  delta: number;
}

export function applyStockChange(level: LevelState, change: StockChange): AppliedChange {
  const q = change.quantity;
  if (!Number.isInteger(q)) throw new RangeError(`A stock change moves a whole number of units, got ${q}`);
  if (change.reason !== 'CORRECTION' && q <= 0) {
    throw new RangeError(`A ${change.reason} moves a positive number of units, got ${q}`);
  }
  const version = level.version + 1;
  switch (change.reason) {
    case 'RESTOCK':
    case 'CORRECTION':
      return { level: { onHand: level.onHand + q, reserved: level.reserved, version }, delta: q };
    case 'SALE':
      return { level: { onHand: level.onHand - q, reserved: level.reserved, version }, delta: -q };
    case 'RESERVATION':
      return { level: { onHand: level.onHand, reserved: level.reserved + q, version }, delta: 0 };
    case 'RELEASE':
      return { level: { onHand: level.onHand, reserved: level.reserved - q, version }, delta: 0 };
    case 'PICKUP':
      return { level: { onHand: level.onHand - q, reserved: level.reserved - q, version }, delta: -q };
  }
}
