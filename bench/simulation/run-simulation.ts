/**
 * The simulator's main function: discovers the world through the gateway, then starts operations
 * at a steady rate until the duration is over or the signal aborts, lets the ones in flight finish,
 * and returns what happened. `npm run simulate` and the end-to-end test both call it.
 */
import { createRandom } from '../../subgraphs/shared/universe.js';
import { createGatewayClient, GatewayCallError } from './gateway-client.js';
import { formatOperationLine, type SimulationSummary } from './operation-log.js';
import type { SimulateOptions } from './simulate-options.js';
import { SimulationState } from './simulation-state.js';
import { actorOf, developmentCredentials, DISCOVERY_ACTOR, oneTokenForAll, type SimulatorCredentials } from './simulator-identity.js';
import { performOperation, type OperationOutcome } from './stock-operations.js';
import { OPERATION_KINDS, planOperation, WATCHED_STORES, type PlannedOperation } from './traffic-plan.js';
import { discoverWorld, type World } from './world.js';

export interface RunSimulationOptions extends Omit<SimulateOptions, 'quiet'> {
  /** No line per operation. @default false */
  quiet?: boolean;
  /** Stops the traffic; operations in flight still finish and count. */
  signal?: AbortSignal;
  /** Where lines go. @default console.log */
  print?: (line: string) => void;
}

/** The simulator could not start: the gateway is unreachable, refuses the token or the graph has nothing to simulate on. */
export class SimulatorStartError extends Error {
  constructor(
    readonly code: 'GATEWAY_UNREACHABLE' | 'GATEWAY_HTTP_ERROR' | 'GRAPHQL_ERRORS' | 'TOKEN_REFUSED' | 'NOTHING_TO_SIMULATE',
    message: string,
  ) {
    super(message);
  }
}

/** Operations allowed in flight at once: a slow gateway slows the simulator rather than drowning. */
const maxInFlight = (rate: number) => Math.max(8, Math.ceil(rate));
/** How far behind schedule the simulator may catch up after a stall, in ms (no burst after a pause). */
const MAX_CATCH_UP_MS = 1000;

function sleepUntil(time: number, signal: AbortSignal | undefined): Promise<void> {
  const wait = time - performance.now();
  if (wait <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, wait);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function describeWorld(world: World, options: RunSimulationOptions, credentials: SimulatorCredentials): string {
  const variants = new Set([...world.stockedAt.values()].flat().map((v) => v.sku)).size;
  const customers = world.customerLookupError
    ? `no customers (${world.customerLookupError}): anonymous sales only`
    : `${world.customerCount} customers`;
  const watched = world.stores.filter((s) => (WATCHED_STORES as readonly string[]).includes(s.id)).map((s) => s.id);
  return [
    `Simulating through ${options.gatewayUrl}: ${world.stores.length} stores (${world.pickupStores.length} with pickup), ` +
      `${world.warehouses.length} warehouses, ${variants} skus, ${customers}.`,
    `Rate ${options.rate}/s, ${options.durationSeconds ? `${options.durationSeconds} s` : 'until Ctrl-C'}, seed ${options.seed}` +
      `${watched.length ? `; most traffic at ${watched.join(', ')}` : ''}.`,
    `Acting as ${credentials.description}.`,
  ].join('\n');
}

function learnFrom(world: World, state: SimulationState, operation: PlannedOperation, outcome: OperationOutcome): void {
  if (outcome.status === 'failed' && (operation.kind === 'pickup' || operation.kind === 'cancellation')) {
    // The call may not have arrived: the reservation may still be waiting for its customer.
    state.addReservation(operation.reservation);
    return;
  }
  if (outcome.status !== 'done') return;
  for (const change of outcome.changes) state.learnAvailable(change.sku, change.locationId, change.available);
  if (operation.kind === 'price') {
    // Every location's list holds the same variant object: one price to move.
    for (const stocked of world.stockedAt.values()) for (const variant of stocked) if (variant.sku === operation.sku) variant.price = operation.price;
  }
  if (operation.kind === 'reservation' && outcome.reservationId) {
    const { sku, locationId, quantity, customerId } = operation;
    state.addReservation({ id: outcome.reservationId, sku, locationId, quantity, customerId });
    state.learnAvailable(sku, locationId, Math.max(0, state.availableAt(sku, locationId) - quantity));
  }
  if ((operation.kind === 'pickup' || operation.kind === 'cancellation') && outcome.available !== undefined) {
    state.learnAvailable(operation.reservation.sku, operation.reservation.locationId, outcome.available);
  }
}

function record(summary: SimulationSummary, operation: PlannedOperation, outcome: OperationOutcome): void {
  summary.operations++;
  const counts = summary.byKind[operation.kind];
  if (outcome.status === 'done') {
    counts.done++;
    for (const { sequence, sku, locationId, reason } of outcome.changes) summary.changes.push({ sequence, sku, locationId, reason });
    if (operation.kind === 'reservation' && outcome.reservationId) {
      summary.reservations.push({ id: outcome.reservationId, sku: operation.sku, locationId: operation.locationId });
    }
  } else if (outcome.status === 'refused') {
    counts.refused++;
    summary.refusals[outcome.code] = (summary.refusals[outcome.code] ?? 0) + 1;
  } else {
    counts.failed++;
    summary.errors++;
  }
}

/** Throws SimulatorStartError when the world cannot be discovered; afterwards every failure is counted, never thrown. */
export async function runSimulation(options: RunSimulationOptions): Promise<SimulationSummary> {
  const print = options.print ?? ((line: string) => console.log(line));
  const client = createGatewayClient(options.gatewayUrl);
  const credentials = options.token === undefined ? developmentCredentials() : oneTokenForAll(options.token);
  let world: World;
  try {
    world = await discoverWorld(client, await credentials.tokenFor(DISCOVERY_ACTOR));
  } catch (error) {
    if (error instanceof GatewayCallError && error.errorCode === 'UNAUTHENTICATED') {
      throw new SimulatorStartError('TOKEN_REFUSED', `The gateway refused the token: ${error.message}`);
    }
    if (error instanceof GatewayCallError) throw new SimulatorStartError(error.code, `The gateway cannot be used: ${error.message}`);
    throw error;
  }
  if (world.locations.length === 0) {
    throw new SimulatorStartError('NOTHING_TO_SIMULATE', `The graph at ${options.gatewayUrl} has no location stocking any of its first products`);
  }
  print(describeWorld(world, options, credentials));

  const random = createRandom(options.seed);
  const state = new SimulationState(world.initialAvailable);
  const summary: SimulationSummary = {
    seed: options.seed,
    elapsedSeconds: 0,
    operations: 0,
    byKind: Object.fromEntries(OPERATION_KINDS.map((kind) => [kind, { done: 0, refused: 0, failed: 0 }])) as SimulationSummary['byKind'],
    refusals: {},
    errors: 0,
    changes: [],
    reservations: [],
  };
  const { signal } = options;
  const started = performance.now();
  const deadline = options.durationSeconds === undefined ? Infinity : started + options.durationSeconds * 1000;
  const interval = 1000 / options.rate;
  const inFlight = new Set<Promise<void>>();
  let next = started;
  while (!signal?.aborted && next < deadline) {
    await sleepUntil(next, signal);
    if (signal?.aborted) break;
    if (inFlight.size >= maxInFlight(options.rate)) await Promise.race(inFlight);
    const operation = planOperation(random, world, state);
    const call: Promise<void> = credentials
      .tokenFor(actorOf(operation, world))
      .then((token) => performOperation(client, operation, token))
      .then((outcome) => {
        learnFrom(world, state, operation, outcome);
        record(summary, operation, outcome);
        if (!options.quiet) print(formatOperationLine(new Date(), operation, outcome));
        inFlight.delete(call);
      });
    inFlight.add(call);
    next = Math.max(next + interval, performance.now() - MAX_CATCH_UP_MS);
  }
  await Promise.all(inFlight);
  summary.elapsedSeconds = (performance.now() - started) / 1000;
  return summary;
}
