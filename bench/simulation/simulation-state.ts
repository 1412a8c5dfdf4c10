/**
 * What the simulator believes about the stock while it runs: the last availability the graph told
 * it per level, and the reservations it made that are still waiting for their customer. Choices
 * lean on it (a till sells what is on the shelf, a delivery goes where stock runs low), so it only
 * needs to be roughly right; the graph stays the truth.
 */
import type { Random } from '../../subgraphs/shared/universe.js';
import { stockKey } from './world.js';

export interface OpenReservation {
  id: string;
  sku: string;
  locationId: string;
  quantity: number;
  customerId: string;
}

export class SimulationState {
  private readonly available: Map<string, number>;
  private readonly open: OpenReservation[] = [];

  constructor(initialAvailable: ReadonlyMap<string, number>) {
    this.available = new Map(initialAvailable);
  }

  availableAt(sku: string, locationId: string): number {
    return this.available.get(stockKey(sku, locationId)) ?? 0;
  }

  learnAvailable(sku: string, locationId: string, available: number): void {
    this.available.set(stockKey(sku, locationId), available);
  }

  get openReservations(): number {
    return this.open.length;
  }

  addReservation(reservation: OpenReservation): void {
    this.open.push(reservation);
  }

  /** Takes a random open reservation out of the list, so two concurrent operations never pick the same one. */
  claimReservation(random: Random): OpenReservation | undefined {
    if (this.open.length === 0) return undefined;
    const index = Math.floor(random.next() * this.open.length);
    return this.open.splice(index, 1)[0];
  }
}
