/**
 * The audit trail: one entry per stock-moving or personal-data-changing mutation, with the
 * principal, the operation, the target and the outcome, never the token; and by default a JSON
 * line on stdout even when the subgraph's request logging is off.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerSubgraph } from '../../subgraphs/customer/index.js';
import { inventorySubgraph } from '../../subgraphs/inventory/index.js';
import { reviewsSubgraph } from '../../subgraphs/reviews/index.js';
import { audited, type AuditEntry, type AuditEvent } from '../../subgraphs/shared/audit.js';
import { ANONYMOUS, type SubgraphPrincipal } from '../../platform/principal.js';
import { PICKUP_STORES, createLevelPicker, newKey } from '../inventory/stock-mutation-support.js';
import { TEST_INTERNAL_TOKEN_SECRET, startTestSubgraph, vouchFor, type TestSubgraph } from '../support/subgraph.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const entries: AuditEntry[] = [];
const audit = (entry: AuditEntry) => void entries.push(entry);
let inventory: TestSubgraph;
let customer: TestSubgraph;
let reviews: TestSubgraph;
beforeAll(async () => {
  [inventory, customer, reviews] = await Promise.all([
    startTestSubgraph(inventorySubgraph, 0.02, { audit }),
    startTestSubgraph(customerSubgraph, 0.02, { audit }),
    startTestSubgraph(reviewsSubgraph, 0.02, { audit }),
  ]);
});
afterAll(async () => {
  await Promise.all([inventory?.close(), customer?.close(), reviews?.close()]);
});

/** The entries `act` left, checking that each one carries no token. */
async function entriesOf(act: () => Promise<unknown>, as: SubgraphPrincipal): Promise<AuditEntry[]> {
  const from = entries.length;
  await act();
  const left = entries.slice(from);
  const token = Object.values(await vouchFor(as))[0]!;
  expect(JSON.stringify(left)).not.toContain(token);
  expect(JSON.stringify(left)).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
  return left;
}

const pick = createLevelPicker();
const ADJUST = `mutation ($input: AdjustStockInput!, $key: String!) { adjustStock(input: $input, idempotencyKey: $key) { changes { sequence } userErrors { code } } }`;
const staffAt = (storeId: string): SubgraphPrincipal => ({ authenticated: true, subject: 'staff-9', scopes: ['store:staff'], storeId });

describe('stock mutations', () => {
  it('records a success with the principal, the operation and the target', async () => {
    const level = pick();
    const as = staffAt(level.locationId);
    const left = await entriesOf(() => inventory.query(ADJUST, { input: { ...level, delta: 3, reason: 'RESTOCK' }, key: newKey() }, { as }), as);
    expect(left).toEqual([
      {
        audit: true,
        subgraph: 'inventory',
        operation: 'adjustStock',
        principal: { subject: 'staff-9', scopes: ['store:staff'], storeId: level.locationId },
        outcome: 'succeeded',
        target: { sku: level.sku, locationId: level.locationId },
      },
    ]);
  });

  it('records a refusal with the codes of its userErrors', async () => {
    const as: SubgraphPrincipal = { authenticated: true, subject: 'backoffice-2', scopes: ['stock:write'] };
    const input = { sku: 'SKU-00001-1', locationId: 'loc-nowhere', delta: 3, reason: 'RESTOCK' };
    const left = await entriesOf(() => inventory.query(ADJUST, { input, key: newKey() }, { as }), as);
    expect(left).toEqual([
      expect.objectContaining({ operation: 'adjustStock', outcome: 'refused', userErrors: ['UNKNOWN_LOCATION'], target: { sku: 'SKU-00001-1', locationId: 'loc-nowhere' } }),
    ]);
  });

  it('records a request turned away as forbidden, and an anonymous one as unauthorized', async () => {
    const level = pick();
    const other = staffAt(PICKUP_STORES.find((l) => l.id !== level.locationId)!.id);
    const variables = { input: { ...level, delta: 3, reason: 'RESTOCK' }, key: newKey() };
    const forbidden = await entriesOf(() => inventory.query(ADJUST, variables, { as: other }), other);
    expect(forbidden).toEqual([expect.objectContaining({ operation: 'adjustStock', outcome: 'forbidden', principal: { subject: 'staff-9', scopes: ['store:staff'], storeId: other.storeId } })]);
    const anonymous = await entriesOf(() => inventory.query(ADJUST, variables, { as: ANONYMOUS }), ANONYMOUS);
    expect(anonymous).toEqual([expect.objectContaining({ operation: 'adjustStock', outcome: 'unauthorized', principal: 'anonymous' })]);
  });

  it('records each of the five stock mutations, and never a read', async () => {
    const level = pick();
    const reserve = `mutation ($input: ReserveInput!, $key: String!) { reserveForPickup(input: $input, idempotencyKey: $key) { reservation { id } userErrors { code } } }`;
    const as: SubgraphPrincipal = { authenticated: true, subject: 'ops-1', scopes: ['callcenter', 'stock:write'] };
    const left = await entriesOf(async () => {
      await inventory.query(ADJUST, { input: { ...level, delta: 10, reason: 'RESTOCK' }, key: newKey() }, { as });
      const held = await inventory.query(reserve, { input: { ...level, quantity: 1, customerId: 'cust-00061' }, key: newKey() }, { as });
      const id = held.data.reserveForPickup.reservation.id;
      await inventory.query(`query ($id: ID!) { reservation(id: $id) { id } }`, { id }, { as });
      await inventory.query(`mutation ($id: ID!) { cancelReservation(id: $id) { userErrors { code } } }`, { id }, { as });
      await inventory.query(`mutation ($id: ID!) { collectReservation(id: $id) { userErrors { code } } }`, { id }, { as });
      const sale = { locationId: level.locationId, channel: 'STORE', lines: [{ sku: level.sku, quantity: 1 }] };
      await inventory.query(`mutation ($input: SaleInput!, $key: String!) { recordSale(input: $input, idempotencyKey: $key) { userErrors { code } } }`, { input: sale, key: newKey() }, { as });
    }, as);
    expect(left.map((e) => `${e.operation}:${e.outcome}`)).toEqual([
      'adjustStock:succeeded',
      'reserveForPickup:succeeded',
      'cancelReservation:succeeded',
      // Collecting a cancelled reservation is refused.
      'collectReservation:refused',
      'recordSale:succeeded',
    ]);
    expect(left[2]!.target).toEqual({ reservationId: expect.stringMatching(/^res-/) });
    expect(left[4]!.target).toEqual({ locationId: level.locationId, customerId: null, skus: [level.sku] });
  });
});

describe('personal-data mutations', () => {
  const CONSENTS = `mutation ($c: ID!) { updateConsents(customerId: $c, input: { email: false }) { userErrors { code } } }`;

  it('records a customer changing its own consents, and another customer being turned away', async () => {
    const me: SubgraphPrincipal = { authenticated: true, subject: 'cust-00071', scopes: ['customer'] };
    const left = await entriesOf(async () => {
      await customer.query(CONSENTS, { c: 'cust-00071' }, { as: me });
      await customer.query(CONSENTS, { c: 'cust-00072' }, { as: me });
    }, me);
    const principal = { subject: 'cust-00071', scopes: ['customer'], storeId: null };
    expect(left).toEqual([
      { audit: true, subgraph: 'customer', operation: 'updateConsents', principal, outcome: 'succeeded', target: { customerId: 'cust-00071' } },
      { audit: true, subgraph: 'customer', operation: 'updateConsents', principal, outcome: 'forbidden', target: { customerId: 'cust-00072' } },
    ]);
  });

  it('records the wishlist, ticket and review mutations', async () => {
    const me: SubgraphPrincipal = { authenticated: true, subject: 'cust-00073', scopes: ['customer'] };
    const left = await entriesOf(async () => {
      await customer.query(`mutation { addToWishlist(customerId: "cust-00073", sku: "SKU-00003-1") { userErrors { code } } }`, {}, { as: me });
      await customer.query(`mutation { removeFromWishlist(customerId: "cust-00073", sku: "SKU-00099-9") { userErrors { code } } }`, {}, { as: me });
      await customer.query(
        `mutation { openSupportTicket(input: { customerId: "cust-00073", subject: "Hi", body: "Help", channel: WEB }) { userErrors { code } } }`,
        {},
        { as: me },
      );
      await reviews.query(
        `mutation { submitReview(input: { productId: "prod-00001", customerId: "cust-00073", rating: 4, title: "Good", body: "Fine." }) { userErrors { code } } }`,
        {},
        { as: me },
      );
    }, me);
    expect(left.map(({ subgraph, operation, outcome, userErrors, target }) => ({ subgraph, operation, outcome, userErrors, target }))).toEqual([
      { subgraph: 'customer', operation: 'addToWishlist', outcome: 'succeeded', userErrors: undefined, target: { customerId: 'cust-00073', sku: 'SKU-00003-1' } },
      { subgraph: 'customer', operation: 'removeFromWishlist', outcome: 'refused', userErrors: ['NOT_IN_WISHLIST'], target: { customerId: 'cust-00073', sku: 'SKU-00099-9' } },
      { subgraph: 'customer', operation: 'openSupportTicket', outcome: 'succeeded', userErrors: undefined, target: { customerId: 'cust-00073', orderId: null } },
      { subgraph: 'reviews', operation: 'submitReview', outcome: 'succeeded', userErrors: undefined, target: { customerId: 'cust-00073', productId: 'prod-00001' } },
    ]);
  });
});

describe('audited', () => {
  it('records any other error as failed and rethrows it unchanged', async () => {
    const recorded: AuditEvent[] = [];
    const fault = new Error('database went away');
    const resolver = audited('adjustStock', async () => Promise.reject(fault), () => ({ sku: 'S' }));
    const context = { principal: ANONYMOUS, audit: (event: AuditEvent) => void recorded.push(event) };
    await expect(resolver({}, {}, context, {} as never)).rejects.toBe(fault);
    const badInput = new GraphQLError('bad', { extensions: { code: 'BAD_USER_INPUT' } });
    await expect(audited('adjustStock', () => Promise.reject(badInput), () => ({}))({}, {}, context, {} as never)).rejects.toBe(badInput);
    expect(recorded.map((e) => e.outcome)).toEqual(['failed', 'failed']);
  });
});

describe('the default sink', () => {
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'audit-stdout-'));
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes one JSON line per mutation on stdout, with the subgraph\'s request logging off', async () => {
    // A subgraph started as the entry points start one, without an audit option and with logger off.
    const script = `
      import { startSubgraph } from './subgraphs/shared/subgraph-server.js';
      import { reviewsSubgraph } from './subgraphs/reviews/index.js';
      const subgraph = await startSubgraph(reviewsSubgraph, {
        host: '127.0.0.1', port: 0, dataDir: process.env.AUDIT_DATA_DIR, pgSchemaPrefix: 'unused_', seedScale: 0.01,
        logger: false, internalTokenSecret: process.env.AUDIT_SECRET,
      });
      console.log(JSON.stringify({ url: subgraph.url }));
      process.once('SIGTERM', () => subgraph.close().then(() => process.exit(0)));
    `;
    child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', AUDIT_DATA_DIR: dataDir, AUDIT_SECRET: TEST_INTERNAL_TOKEN_SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Record<string, unknown>[] = [];
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
    let buffered = '';
    child.stdout!.on('data', (chunk) => {
      buffered += String(chunk);
      const complete = buffered.split('\n');
      buffered = complete.pop()!;
      for (const line of complete) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    const waitFor = async (found: () => boolean) => {
      const deadline = Date.now() + 30_000;
      while (!found()) {
        if (Date.now() > deadline || child!.exitCode !== null) throw new Error(`child gave no such line; stderr: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await waitFor(() => lines.some((l) => typeof l.url === 'string'));
    const url = lines.find((l) => typeof l.url === 'string')!.url as string;

    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await vouchFor(ANONYMOUS)) },
      body: JSON.stringify({ query: `mutation { submitReview(input: { productId: "prod-00001", customerId: "cust-00001", rating: 5, title: "t", body: "b" }) { userErrors { code } } }` }),
    });
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHORIZED');
    await waitFor(() => lines.some((l) => l.audit === true));
    const audits = lines.filter((l) => l.audit === true);
    expect(audits).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'audit',
        subgraph: 'reviews',
        operation: 'submitReview',
        principal: 'anonymous',
        outcome: 'unauthorized',
        target: { customerId: 'cust-00001', productId: 'prod-00001' },
      }),
    ]);
    // Request logging stayed off: the audit line is the only log line.
    expect(lines.filter((l) => 'level' in l)).toHaveLength(1);
  });
});
