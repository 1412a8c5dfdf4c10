/**
 * The store screen (/store) in a real browser: headless Chromium under playwright-core against a
 * running graph. Store staff sign in with a development token, see the table fill, see a sale made
 * through the API appear within a second, prepare a pick-up and mark it collected, open a consenting
 * customer and are refused a non-consenting one; when the gateway or the inventory goes down and
 * comes back the page says so, recovers, and shows exactly what the ledger holds. Screenshots go to
 * test-results/store/.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../gateway/create-gateway.js';
import { loadGatewayConfig } from '../../gateway/config.js';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/identity/development-secret.js';
import { projectRoot } from '../../platform/project-root.js';
import { SUBGRAPH_NAMES } from '../../schema/subgraphs.js';
import { startSubgraphByName } from '../../subgraphs/registry.js';
import { browserRequired, chromiumPath, launchChromium } from '../support/browser.js';
import { databaseUrl } from '../support/database.js';
import { postGraphQL, startGraph, type TestGraph } from '../support/graph.js';
import { operation } from '../support/operations.js';
import { startIdentityProvider } from '../support/identity-provider.js';
import { TEST_OPERATOR, vouchFor } from '../support/subgraph.js';
import { startGatewayAgainst } from '../gateway/helpers.js';
import { asCallCenter, asStoreStaff, bearer } from '../support/tokens.js';

const hasBrowser = chromiumPath() !== undefined;
if (!hasBrowser && !browserRequired) console.warn('store-app-browser.test.ts skipped: no Chromium on this machine (install Debian\'s chromium, or set CHROMIUM_PATH)');

const STORE = 'store-01';
const SCREENSHOTS = join(projectRoot(), 'test-results', 'store');
const RECORD_SALE = operation('RecordSale');
const RESERVE = operation('ReserveForPickup');

interface Level {
  sku: string;
  onHand: number;
  available: number;
  version: number;
}

/** The store's levels as the API has them (call center). */
async function levelsOf(url: string, storeId: string): Promise<{ total: number; levels: Level[] }> {
  const levels: Level[] = [];
  let after: string | null = null;
  let total = 0;
  for (;;) {
    const page: Awaited<ReturnType<typeof postGraphQL<{ location: { stock: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { onHand: number; available: number; version: number; variant: { sku: string } } }[] } } }>>> =
      await postGraphQL(
        url,
        'query($id: ID!, $after: String) { location(id: $id) { stock(first: 1000, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { onHand available version variant { sku } } } } } }',
        { id: storeId, after },
        await asCallCenter(),
      );
    const stock = page.body.data!.location.stock;
    total = stock.totalCount;
    levels.push(...stock.edges.map(({ node }) => ({ sku: node.variant.sku, onHand: node.onHand, available: node.available, version: node.version })));
    if (!stock.pageInfo.hasNextPage) break;
    after = stock.pageInfo.endCursor;
  }
  return { total, levels };
}

async function levelOf(url: string, sku: string, storeId: string): Promise<Level> {
  const { body } = await postGraphQL<{ variant: { stock: { onHand: number; available: number; version: number }[] } }>(
    url,
    'query($sku: ID!, $store: ID!) { variant(sku: $sku) { stock(locationIds: [$store]) { onHand available version } } }',
    { sku, store: storeId },
    await asCallCenter(),
  );
  return { sku, ...body.data!.variant.stock[0]! };
}

/** A till sale of one unit; returns its ledger sequence. `headers`: straight to a subgraph, the gateway's vouching. */
async function sell(url: string, sku: string, headers?: Record<string, string>): Promise<number> {
  const { body } = await postGraphQL<{ recordSale: { changes: { sequence: number }[]; userErrors: unknown[] } }>(
    url,
    RECORD_SALE,
    { input: { locationId: STORE, channel: 'STORE', lines: [{ sku, quantity: 1 }] }, idempotencyKey: randomUUID() },
    headers ?? (await asStoreStaff(STORE)),
  );
  expect(body.data?.recordSale.userErrors).toEqual([]);
  return body.data!.recordSale.changes[0]!.sequence;
}

interface SeededCustomer {
  id: string;
  firstName: string;
  consents: { personalizedOffers: boolean };
}

/** The seed's first customers (cust-00001...), as the call center reads them (20 root fields per request: the gateway's limit). */
async function firstCustomers(url: string, count: number): Promise<SeededCustomer[]> {
  const found: SeededCustomer[] = [];
  for (let start = 1; start <= count; start += 20) {
    const fields = Array.from({ length: Math.min(20, count - start + 1) }, (_, i) => `c${i}: customer(id: "cust-${String(start + i).padStart(5, '0')}") { id firstName consents { personalizedOffers } }`);
    const { body } = await postGraphQL<Record<string, SeededCustomer | null>>(url, `{ ${fields.join(' ')} }`, {}, await asCallCenter());
    expect(body.errors).toBeUndefined();
    found.push(...Object.values(body.data ?? {}).filter((customer): customer is SeededCustomer => customer !== null));
  }
  return found;
}

async function signIn(page: Page, baseUrl: string, role: 'store' | 'callcenter'): Promise<void> {
  await page.goto(new URL('/store', baseUrl).href);
  await page.locator('select[name="role"]').selectOption(role);
  if (role === 'store') {
    // The store list comes from the graph: wait for it before choosing.
    await expect.poll(() => page.locator(`select[name="storeId"] option[value="${STORE}"]`).count(), { timeout: 10_000 }).toBe(1);
    await page.locator('select[name="storeId"]').selectOption(STORE);
  }
  await page.getByRole('button', { name: /Get a token|Obtenir un jeton/ }).click();
}

/** Waits until the table holds every level of the store; returns how long that took from `since`. */
async function tableFilled(page: Page, total: number, since: number): Promise<number> {
  await page.locator('.stock[data-loaded="true"]').waitFor({ timeout: 15_000 });
  const elapsed = Date.now() - since;
  await expect.poll(() => page.locator('.stock .count').textContent()).toContain(`of ${total.toLocaleString('en-GB')} items`);
  return elapsed;
}

/** The row of `sku` as the page shows it, after searching for it (rows out of view are not drawn). */
async function shownLevel(page: Page, sku: string): Promise<{ onHand: number; available: number }> {
  await page.locator('input[name="stock-search"]').fill(sku);
  const row = page.locator(`tr[data-sku="${sku}"]`);
  await row.waitFor();
  const number = async (field: string) => Number((await row.locator(`td[data-field="${field}"]`).textContent())!.replace(/[^\d-]/g, ''));
  return { onHand: await number('onHand'), available: await number('available') };
}

async function statusShown(page: Page): Promise<string | null> {
  return page.locator('.status').getAttribute('data-status');
}

describe.skipIf(!hasBrowser && !browserRequired)('the store screen in a real browser', () => {
  let graph: TestGraph;
  let browser: Browser;
  let levels: Level[];
  let total: number;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    graph = await startGraph();
    browser = await launchChromium();
    ({ levels, total } = await levelsOf(graph.gatewayUrl, STORE));
  });
  afterAll(async () => {
    await browser?.close();
    await graph?.close();
  });

  it('signs in as store staff, fills the table, and shows a sale made through the API within a second', async () => {
    const page = await browser.newPage({ viewport: { width: 1180, height: 820 }, locale: 'en-GB' });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(String(error)));
    const started = Date.now();
    await signIn(page, graph.gatewayUrl, 'store');
    const fillMs = await tableFilled(page, total, started);
    expect(total).toBe(levels.length);
    expect(fillMs).toBeLessThan(5_000);
    await expect.poll(() => statusShown(page), { timeout: 10_000 }).toBe('live');
    await page.screenshot({ path: join(SCREENSHOTS, 'stock.png') });

    const sku = levels.find((level) => level.available > 2)!.sku;
    const before = await shownLevel(page, sku);
    const sold = Date.now();
    await sell(graph.gatewayUrl, sku);
    await page.locator(`tr[data-sku="${sku}"] td[data-field="available"]`).filter({ hasText: String(before.available - 1) }).waitFor({ timeout: 1_000 });
    expect(Date.now() - sold).toBeLessThan(1_000);
    // Highlighted as it arrived.
    await expect(page.locator(`tr[data-sku="${sku}"]`).getAttribute('class')).resolves.toContain('changed');
    await page.screenshot({ path: join(SCREENSHOTS, 'stock-sale-highlighted.png') });

    // A new list price from the back office: the row's store price follows (priceChanged).
    const { body: before$ } = await postGraphQL<{ variant: { price: { amount: number; currency: string } } }>(graph.gatewayUrl, 'query($sku: ID!) { variant(sku: $sku) { price { amount currency } } }', { sku });
    const { body: repriced } = await postGraphQL<{ updateVariantPrice: { userErrors: unknown[] } }>(
      graph.gatewayUrl,
      'mutation($input: UpdatePriceInput!, $key: String!) { updateVariantPrice(input: $input, idempotencyKey: $key) { userErrors { code } } }',
      { input: { sku, price: { amount: before$.data!.variant.price.amount + 1000, currency: before$.data!.variant.price.currency } }, key: randomUUID() },
      await bearer({ sub: 'pricing-manager-1', scopes: ['catalog:write'] }),
    );
    expect(repriced.data?.updateVariantPrice.userErrors).toEqual([]);
    const { body: now } = await postGraphQL<{ variant: { effectivePrice: { amount: number; currency: string } } }>(
      graph.gatewayUrl,
      'query($sku: ID!, $store: ID!) { variant(sku: $sku) { effectivePrice(channel: STORE, storeId: $store) { amount currency } } }',
      { sku, store: STORE },
    );
    const expected = new Intl.NumberFormat('en-GB', { style: 'currency', currency: now.data!.variant.effectivePrice.currency }).format(now.data!.variant.effectivePrice.amount / 100);
    await expect.poll(() => page.locator(`tr[data-sku="${sku}"] td[data-field="price"]`).textContent(), { timeout: 5_000 }).toBe(expected);

    // Nearby stores for that row.
    await page.locator(`tr[data-sku="${sku}"] button.link`).click();
    await page.locator('.detail .availability li').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.locator('.detail').waitFor({ state: 'detached' });
    expect(failures).toEqual([]);
    await page.close();
  });

  it('does not move the layout while changes stream in, and fits a tablet held either way', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'en-GB', hasTouch: true });
    // Every layout shift the page makes (the Layout Instability API), counted from the start.
    await page.addInitScript(() => {
      // In the page (no DOM types here).
      type Observer = new (callback: (list: { getEntries(): { value?: number }[] }) => void) => { observe(options: { type: string; buffered: boolean }): void };
      const scope = globalThis as unknown as { layoutShift: number; PerformanceObserver: Observer };
      scope.layoutShift = 0;
      // Input-triggered shifts count too: the burst below comes soon after the sign-in click.
      new scope.PerformanceObserver((list) => {
        for (const entry of list.getEntries()) scope.layoutShift += entry.value ?? 0;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await signIn(page, graph.gatewayUrl, 'store');
    await tableFilled(page, total, Date.now());
    await expect.poll(() => statusShown(page), { timeout: 10_000 }).toBe('live');
    const shiftBefore = await page.evaluate(() => (globalThis as unknown as { layoutShift: number }).layoutShift);
    // A burst of sales on the rows in view.
    const inView = await page.locator('tbody tr[data-sku]').evaluateAll((rows) => rows.slice(0, 6).map((row) => row.getAttribute('data-sku')!));
    const sold = await Promise.all(inView.filter((sku) => levels.find((level) => level.sku === sku)!.available > 0).map((sku) => sell(graph.gatewayUrl, sku)));
    await expect.poll(async () => Number(await page.locator('.stock').getAttribute('data-stock-sequence')), { timeout: 5_000 }).toBe(Math.max(...sold));
    await page.waitForTimeout(300);
    const shiftAfter = await page.evaluate(() => (globalThis as unknown as { layoutShift: number }).layoutShift);
    expect(shiftAfter - shiftBefore).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'tablet-landscape.png') });

    for (const viewport of [{ width: 768, height: 1024 }, { width: 1024, height: 768 }]) {
      await page.setViewportSize(viewport);
      for (const tab of ['Stock', 'Pick-ups', 'Customer']) {
        await page.getByRole('tab', { name: tab }).click();
        // Nothing wider than the screen: no sideways scrolling on a tablet.
        const overflow = await page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
          return root.scrollWidth - root.clientWidth;
        });
        expect(overflow, `${tab} at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(0);
      }
    }
    await page.getByRole('tab', { name: 'Stock' }).click();
    await page.screenshot({ path: join(SCREENSHOTS, 'tablet-portrait.png') });

    // Keyboard only: arrow keys move between tabs, and the search box takes typing.
    await page.getByRole('tab', { name: 'Stock' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Pick-ups' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('tab', { name: 'Stock' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.close();
  });

  it('has no serious accessibility violation on any of its screens (axe-core), in either language', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    type Violation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };
    const audit = async (page: Page, screen: string) => {
      // Through the DevTools protocol, which the page's CSP (scripts from its own origin) does not govern.
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> } }).axe;
        const result = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
        return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.slice(0, 3).map((node) => ({ target: node.target })) }));
      });
      const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(serious, `${screen}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
    };
    for (const locale of ['en-GB', 'fr-FR']) {
      const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale });
      await page.goto(new URL('/store', graph.gatewayUrl).href);
      await page.locator(`select[name="storeId"] option[value="${STORE}"]`).waitFor({ state: 'attached' });
      await audit(page, `${locale} sign-in`);
      await page.locator('select[name="storeId"]').selectOption(STORE);
      await page.getByRole('button', { name: /Get a token|Obtenir un jeton/ }).click();
      await page.locator('.stock[data-loaded="true"]').waitFor({ timeout: 15_000 });
      await audit(page, `${locale} stock`);
      await page.locator('tbody tr[data-sku] button.link').first().click();
      await page.locator('.detail .availability li').first().waitFor({ timeout: 10_000 });
      await audit(page, `${locale} nearby stores`);
      await page.keyboard.press('Escape');
      const tabs = page.getByRole('tab');
      await tabs.nth(1).click();
      await page.locator('.pickups[data-reservation-sequence]:not([data-reservation-sequence="0"])').waitFor({ timeout: 10_000 });
      await audit(page, `${locale} pick-ups`);
      await tabs.nth(2).click();
      const search = page.locator('input[name="customer-search"]');
      await search.fill('cust-00001');
      await search.press('Enter');
      await page.locator('button[data-customer="cust-00001"]').click();
      await page.locator('.opened > *').first().waitFor({ timeout: 5_000 });
      await audit(page, `${locale} customer`);
      await page.close();
    }
  });

  it('shows a new pick-up as it is reserved and marks it collected', async () => {
    const page = await browser.newPage({ viewport: { width: 1180, height: 820 }, locale: 'en-GB' });
    await signIn(page, graph.gatewayUrl, 'store');
    await page.getByRole('tab', { name: 'Pick-ups' }).click();
    await page.locator('.pickups[data-reservation-sequence]:not([data-reservation-sequence="0"])').waitFor({ timeout: 10_000 });
    await expect.poll(() => statusShown(page), { timeout: 10_000 }).toBe('live');

    const sku = levels.find((level) => level.available > 2)!.sku;
    const customerId = (await firstCustomers(graph.gatewayUrl, 1))[0]!.id;
    const { body } = await postGraphQL<{ reserveForPickup: { reservation: { id: string } | null; userErrors: unknown[] } }>(
      graph.gatewayUrl,
      RESERVE,
      { input: { sku, locationId: STORE, quantity: 1, customerId }, idempotencyKey: randomUUID() },
      await asCallCenter(),
    );
    expect(body.data?.reserveForPickup.userErrors).toEqual([]);
    const id = body.data!.reserveForPickup.reservation!.id;
    const card = page.locator(`li[data-reservation="${id}"]`);
    await card.waitFor({ timeout: 2_000 });
    // The tab counts the pick-ups waiting, as the list shows them.
    await expect.poll(async () => Number(await page.locator('#tab-pickups .count-badge').getAttribute('data-count'))).toBe(await page.locator('li[data-reservation]').count());
    await page.screenshot({ path: join(SCREENSHOTS, 'pickups.png') });

    await card.getByRole('button', { name: 'Collected' }).click();
    await card.waitFor({ state: 'detached', timeout: 5_000 });
    const { body: after } = await postGraphQL<{ reservation: { status: string } }>(graph.gatewayUrl, 'query($id: ID!) { reservation(id: $id) { status } }', { id }, await asCallCenter());
    expect(after.data?.reservation.status).toBe('COLLECTED');
    await page.close();
  });

  it('opens a customer who consented and refuses one who did not', async () => {
    // Who consented, as the call center (which may read everyone) sees it.
    const customers = await firstCustomers(graph.gatewayUrl, 60);
    const consenting = customers.find((customer) => customer.consents.personalizedOffers)!;
    const refusing = customers.find((customer) => !customer.consents.personalizedOffers)!;
    expect(consenting && refusing).toBeTruthy();

    const page = await browser.newPage({ viewport: { width: 1180, height: 820 }, locale: 'fr-FR' });
    await signIn(page, graph.gatewayUrl, 'store');
    // French from the browser's language.
    await page.getByRole('tab', { name: 'Client' }).click();
    const search = page.locator('input[name="customer-search"]');
    await search.fill(consenting.id);
    await search.press('Enter');
    await page.locator(`button[data-customer="${consenting.id}"]`).click();
    await page.locator(`article[data-customer="${consenting.id}"]`).waitFor({ timeout: 5_000 });
    await expect(page.locator(`article[data-customer="${consenting.id}"] h2`).textContent()).resolves.toContain(consenting.firstName);
    await page.screenshot({ path: join(SCREENSHOTS, 'customer.png') });
    // The wishlist's availability here is live: a sale of one of its items shows at once.
    const wished = await page.locator('.wishlist li[data-sku]').evaluateAll((items) => items.map((item) => item.getAttribute('data-sku')!));
    const sellable = wished.find((sku) => (levels.find((level) => level.sku === sku)?.available ?? 0) > 1);
    expect(sellable, `a wishlist item of ${consenting.id} in stock at ${STORE}`).toBeDefined();
    const level = await levelOf(graph.gatewayUrl, sellable!, STORE);
    await sell(graph.gatewayUrl, sellable!);
    await expect.poll(() => page.locator(`.wishlist li[data-sku="${sellable}"] .pill`).textContent(), { timeout: 5_000 }).toBe(`${level.available - 1} ici`);

    await search.fill(refusing.id);
    await search.press('Enter');
    await page.locator(`button[data-customer="${refusing.id}"]`).click();
    await page.getByTestId('no-consent').waitFor({ timeout: 5_000 });
    await expect(page.locator('article[data-customer]').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'customer-no-consent.png') });
    await page.close();
  });

  it('signs in with a pasted token, and back out with a reason when the token expires', async () => {
    const page = await browser.newPage({ viewport: { width: 1180, height: 820 }, locale: 'en-GB' });
    await page.goto(new URL('/store', graph.gatewayUrl).href);
    // Not a token: said on the page, nothing else happens.
    await page.locator('textarea[name="token"]').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('not a token');
    // A store-staff token as an identity provider would give it, valid for a few seconds.
    const token = (await bearer({ sub: 'staff-store-01', scopes: ['store:staff'], storeId: STORE, expiresIn: '4s' })).authorization!;
    await page.locator('textarea[name="token"]').fill(token);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('.stock[data-loaded="true"]').waitFor({ timeout: 10_000 });
    await page.locator('textarea[name="token"]').waitFor({ timeout: 10_000 });
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('session ended');
    await page.close();
  });

  it('signs in through the identity provider (authorization code with PKCE) when the gateway names one', async () => {
    const provider = await startIdentityProvider({ audience: 'omnichannel-graph' });
    const gateway = await startGatewayAgainst(graph, {
      JWKS_URL: provider.jwksUrl,
      JWT_ISSUER: provider.issuer,
      JWT_AUDIENCE: 'omnichannel-graph',
      STORE_APP_OIDC_ISSUER: provider.issuer,
      STORE_APP_OIDC_CLIENT_ID: provider.clientId,
    });
    const page = await browser.newPage({ viewport: { width: 1180, height: 820 }, locale: 'en-GB' });
    try {
      // A return the page did not start is refused, and says so.
      await page.goto(new URL('/store?code=forged&state=forged', gateway.url).href);
      await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: 5_000 }).toContain('not started from this page');
      expect(new URL(page.url()).search).toBe('');
      // No development tokens with a real key source: the provider or a pasted token only.
      expect(await page.locator('select[name="role"]').count()).toBe(0);

      await page.getByRole('button', { name: 'Sign in with your company account' }).click();
      await page.locator('.stock[data-loaded="true"]').waitFor({ timeout: 15_000 });
      await expect(page.getByTestId('store-name').textContent()).resolves.toContain('Paris');
      // The code left the address bar; the provider checked the PKCE verifier and refused nothing.
      expect(new URL(page.url()).search).toBe('');
      expect(provider.refusals).toEqual([]);
      await expect.poll(() => statusShown(page), { timeout: 10_000 }).toBe('live');

      // Short-lived access tokens from now on: the page refreshes each before it ends, keeps its
      // rows and streams (resumed on the new token), and a sale made after two refreshes shows.
      provider.accessTokenLife = '4s';
      // And over SSE (WebSockets stopped on the way), whose streams keep the token they opened with:
      // each must start again on the new token before the old one ends.
      await page.routeWebSocket(/\/graphql$/, (socket) => void socket.close({ code: 1006, reason: 'proxy' }).catch(() => {}));
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in with your company account' }).click();
      await page.locator('.stock[data-loaded="true"]').waitFor({ timeout: 15_000 });
      await expect.poll(() => page.locator('.status').getAttribute('data-transport'), { timeout: 15_000 }).toBe('sse');
      const refreshesBefore = provider.refreshes;
      await expect.poll(() => provider.refreshes, { timeout: 20_000 }).toBeGreaterThanOrEqual(refreshesBefore + 2);
      await expect.poll(() => statusShown(page), { timeout: 10_000 }).toBe('live');
      expect(await page.locator('textarea[name="token"]').count()).toBe(0);
      const sku = levels.find((level) => level.available > 3)!.sku;
      const shown = await shownLevel(page, sku);
      await sell(graph.gatewayUrl, sku);
      await expect.poll(async () => (await shownLevel(page, sku)).available, { timeout: 5_000 }).toBe(shown.available - 1);
      expect(provider.refusals).toEqual([]);
      // No stream was refused on the way (an old token's end would say so on the page).
      expect(await page.locator('#panel-stock .problem').textContent()).toBe('');
    } finally {
      await page.close();
      await gateway.close();
      await provider.close();
    }
  });

  it('goes on over Server-Sent Events where WebSockets are stopped on the way', async () => {
    const page = await browser.newPage({ viewport: { width: 1180, height: 820 }, locale: 'en-GB' });
    // A proxy that lets HTTP through but kills every WebSocket to the gateway.
    let killed = 0;
    await page.routeWebSocket(/\/graphql$/, (socket) => {
      killed++;
      void socket.close({ code: 1006, reason: 'proxy' }).catch(() => {});
    });
    await signIn(page, graph.gatewayUrl, 'store');
    await tableFilled(page, total, Date.now());
    await expect.poll(() => page.locator('.status').getAttribute('data-transport'), { timeout: 15_000 }).toBe('sse');
    await expect.poll(() => statusShown(page), { timeout: 10_000 }).toBe('live');
    expect(killed).toBeGreaterThanOrEqual(2);
    const sku = levels.find((level) => level.available > 3)!.sku;
    const before = await shownLevel(page, sku);
    const sold = await sell(graph.gatewayUrl, sku);
    await expect.poll(async () => (await shownLevel(page, sku)).available, { timeout: 3_000 }).toBe(before.available - 1);
    await expect.poll(async () => Number(await page.locator('.stock').getAttribute('data-stock-sequence')), { timeout: 3_000 }).toBeGreaterThanOrEqual(sold);
    await page.close();
  });

  it('says so when the token names a store that does not exist', async () => {
    const page = await browser.newPage({ viewport: { width: 1180, height: 820 }, locale: 'en-GB' });
    await page.goto(new URL('/store', graph.gatewayUrl).href);
    const token = (await bearer({ sub: 'staff-nowhere', scopes: ['store:staff'], storeId: 'store-404' })).authorization!;
    await page.locator('textarea[name="token"]').fill(token);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.locator('#panel-stock .problem').textContent(), { timeout: 10_000 }).toContain('there is no store store-404');
    await page.close();
  });

  it('speaks the browser’s language and switches on the page, remembering the choice', async () => {
    const page = await browser.newPage({ viewport: { width: 1180, height: 820 }, locale: 'fr-FR' });
    await signIn(page, graph.gatewayUrl, 'store');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await page.getByRole('tab', { name: 'Retraits' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByRole('tab', { name: 'Pick-ups' }).waitFor();
    await page.reload();
    await page.getByRole('tab', { name: 'Pick-ups' }).waitFor();
    await page.close();
  });

  it('gives the call center any store and a product’s stock in every store', async () => {
    const page = await browser.newPage({ viewport: { width: 1180, height: 820 }, locale: 'en-GB' });
    await signIn(page, graph.gatewayUrl, 'callcenter');
    await page.locator('.stock[data-loaded="true"]').waitFor({ timeout: 15_000 });
    await expect(page.locator('.badge').textContent()).resolves.toBe('Call center');
    // Another store from the header: its own levels.
    const other = await levelsOf(graph.gatewayUrl, 'store-05');
    await page.locator('select[name="store"] option[value="store-05"]').waitFor({ state: 'attached' });
    await page.locator('select[name="store"]').selectOption('store-05');
    await expect.poll(() => page.locator('.stock .count').textContent(), { timeout: 15_000 }).toContain(`of ${other.total.toLocaleString('en-GB')} items`);
    const sku = other.levels[0]!.sku;
    await page.locator('input[name="stock-search"]').fill(sku);
    await page.locator(`tr[data-sku="${sku}"] button.link`).click();
    await page.getByRole('heading', { name: 'All stores' }).waitFor();
    // Every store that stocks it, as the API lists them.
    const { body } = await postGraphQL<{ variant: { stock: { location: { id: string; kind: string } }[] } }>(
      graph.gatewayUrl,
      'query($sku: ID!) { variant(sku: $sku) { stock { location { id kind } } } }',
      { sku },
      await asCallCenter(),
    );
    const stores = body.data!.variant.stock.filter((level) => level.location.kind === 'STORE').map((level) => level.location.id);
    await expect.poll(() => page.locator('.detail .availability li').count(), { timeout: 10_000 }).toBe(stores.length);
    expect((await page.locator('.detail .availability li').evaluateAll((items) => items.map((item) => item.getAttribute('data-location')))).sort()).toEqual([...stores].sort());
    await page.screenshot({ path: join(SCREENSHOTS, 'callcenter-all-stores.png') });
    // The call center follows a store's pick-ups but does not hand them over.
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Pick-ups' }).click();
    await page.locator('.pickups[data-reservation-sequence]:not([data-reservation-sequence="0"])').waitFor({ timeout: 10_000 });
    const customerId = (await firstCustomers(graph.gatewayUrl, 1))[0]!.id;
    const reservable = other.levels.find((level) => level.available > 1)!.sku;
    const { body: reserved } = await postGraphQL<{ reserveForPickup: { reservation: { id: string } | null } }>(
      graph.gatewayUrl,
      RESERVE,
      { input: { sku: reservable, locationId: 'store-05', quantity: 1, customerId }, idempotencyKey: randomUUID() },
      await asCallCenter(),
    );
    const card = page.locator(`li[data-reservation="${reserved.data!.reserveForPickup.reservation!.id}"]`);
    await card.waitFor({ timeout: 5_000 });
    expect(await card.getByRole('button').count()).toBe(0);
    await page.close();
  });

  it('says so when the gateway goes down, resumes when it is back, and misses no change (checked against the ledger)', async () => {
    // Its own graph: this test closes the gateway.
    const graph = await startGraph();
    const page = await browser.newPage({ viewport: { width: 1180, height: 820 }, locale: 'en-GB' });
    await signIn(page, graph.gatewayUrl, 'store');
    await tableFilled(page, total, Date.now());
    await expect.poll(() => statusShown(page), { timeout: 10_000 }).toBe('live');
    const [first, second] = levels.filter((level) => level.available > 4).map((level) => level.sku);

    const port = Number(new URL(graph.gatewayUrl).port);
    await graph.gateway.close();
    await expect.poll(() => statusShown(page), { timeout: 10_000 }).toBe('reconnecting');
    await page.screenshot({ path: join(SCREENSHOTS, 'reconnecting.png') });
    // While it is down, the stores go on selling (straight to the inventory, as another gateway would).
    const vouching = await vouchFor(TEST_OPERATOR, graph.internalTokenSecret);
    const sequences = [await sell(graph.subgraphs.inventory.url, first!, vouching), await sell(graph.subgraphs.inventory.url, second!, vouching), await sell(graph.subgraphs.inventory.url, first!, vouching)];

    const again = await createGateway(
      loadGatewayConfig({
        JWT_SECRET: DEVELOPMENT_JWT_SECRET,
        INTERNAL_TOKEN_SECRET: graph.internalTokenSecret,
        LOG_LEVEL: 'silent',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: graph.dataDir,
        DATABASE_URL: databaseUrl ?? '',
        PG_SCHEMA_PREFIX: graph.pgSchemaPrefix,
        ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, graph.subgraphs[name].url])),
      }),
      { events: graph.events },
    );
    try {
      await expect.poll(() => statusShown(page), { timeout: 15_000 }).toBe('live');
      // A gateway away fails HTTP too: that is no reason to leave WebSockets for SSE.
      expect(await page.locator('.status').getAttribute('data-transport')).toBe('websocket');
      await expect.poll(async () => Number(await page.locator('.stock').getAttribute('data-stock-sequence')), { timeout: 10_000 }).toBe(sequences.at(-1));
      for (const sku of [first!, second!]) {
        const ledger = await levelOf(again.url, sku, STORE);
        expect(await shownLevel(page, sku)).toEqual({ onHand: ledger.onHand, available: ledger.available });
      }
    } finally {
      await page.close();
      await again.close();
      await graph.close();
    }
  });

  it('recovers when the inventory is killed and restarted, and shows what was sold meanwhile', async () => {
    // Its own graph: this test kills its inventory.
    const own = await startGraph();
    const page = await browser.newPage({ viewport: { width: 1180, height: 820 }, locale: 'en-GB' });
    let restarted: Awaited<ReturnType<typeof startSubgraphByName>> | undefined;
    try {
      await signIn(page, own.gatewayUrl, 'store');
      await page.locator('.stock[data-loaded="true"]').waitFor({ timeout: 15_000 });
      await expect.poll(() => statusShown(page), { timeout: 10_000 }).toBe('live');
      const sku = levels.find((level) => level.available > 4)!.sku;
      const port = Number(new URL(own.subgraphs.inventory.url).port);
      await own.subgraphs.inventory.close();
      // The page says the stock is held up, though its WebSocket to the gateway stays up.
      await expect.poll(() => statusShown(page), { timeout: 15_000 }).toBe('degraded');
      await expect(page.locator('.status').textContent()).resolves.toContain('stock unavailable');
      await page.screenshot({ path: join(SCREENSHOTS, 'inventory-down.png') });
      const shared = { host: '127.0.0.1', databaseUrl, dataDir: own.dataDir, pgSchemaPrefix: own.pgSchemaPrefix, seedScale: 0.02, internalTokenSecret: own.internalTokenSecret, audit: () => {} };
      // Another inventory process on the same data goes on selling while this one is down.
      const other = await startSubgraphByName('inventory', { ...shared, port: 0 });
      const vouching = await vouchFor(TEST_OPERATOR, own.internalTokenSecret);
      const sequences = [await sell(other.url, sku, vouching), await sell(other.url, sku, vouching)];
      await other.close();
      restarted = await startSubgraphByName('inventory', { ...shared, port, events: own.events });
      sequences.push(await sell(own.gatewayUrl, sku));
      await expect.poll(async () => Number(await page.locator('.stock').getAttribute('data-stock-sequence')), { timeout: 15_000 }).toBe(sequences.at(-1));
      const ledger = await levelOf(own.gatewayUrl, sku, STORE);
      expect(await shownLevel(page, sku)).toEqual({ onHand: ledger.onHand, available: ledger.available });
      await expect.poll(() => statusShown(page), { timeout: 15_000 }).toBe('live');
    } finally {
      await page.close();
      await own.close();
      await restarted?.close();
    }
  });
});
