/**
 * GraphiQL in a real browser (headless Chromium): the partners' page loads the contract's schema
 * as soon as a key is typed in its Headers tab, without a re-fetch by hand (issue 9: it showed
 * "Error fetching schema" until the key was pasted and the schema re-fetched), and the internal
 * page loads the whole graph's schema with the development token it starts with.
 */
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraph, type TestGraph } from '../support/graph.js';
import { browserRequired, chromiumPath, launchChromium } from '../support/browser.js';
import { gatewayPath } from './helpers.js';

const hasBrowser = chromiumPath() !== undefined;
if (!hasBrowser && !browserRequired) console.warn('graphiql-browser.test.ts skipped: no Chromium on this machine (install Debian\'s chromium, or set CHROMIUM_PATH)');

interface Introspection {
  status: number;
  apiKey: string | undefined;
  loaded: boolean;
  code: string | undefined;
}

/** Every introspection the page sends to `endpoint`, with the key it carried and how it was answered. */
function watchIntrospections(page: Page, endpoint: string): Introspection[] {
  const seen: Introspection[] = [];
  page.on('response', (response: Response) => {
    const request = response.request();
    if (request.method() !== 'POST' || response.url() !== endpoint || !request.postData()?.includes('__schema')) return;
    void response.json().then(
      (body: { data?: { __schema?: unknown }; errors?: { extensions?: { code?: string } }[] }) =>
        seen.push({ status: response.status(), apiKey: request.headers()['x-api-key'], loaded: Boolean(body.data?.__schema), code: body.errors?.[0]?.extensions?.code }),
      () => seen.push({ status: response.status(), apiKey: request.headers()['x-api-key'], loaded: false, code: undefined }),
    );
  });
  return seen;
}

/** Types `text` over the Headers tab's content, as a user selecting all and typing would. */
async function typeHeaders(page: Page, text: string): Promise<void> {
  await page.locator('button', { hasText: 'Headers' }).click();
  await page.locator('.graphiql-editor-tool .CodeMirror:visible').first().waitFor();
  // In the page (no DOM types here): CodeMirror 5 keeps its editor on its wrapper element.
  return page.evaluate((value) => {
    const document = (globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<{ CodeMirror?: { setValue(text: string): void; getValue(): string } }> } }).document;
    // The variables and headers editors are both in the tool pane: the headers one holds the default headers.
    const editors = Array.from(document.querySelectorAll('.graphiql-editor-tool .CodeMirror'));
    const headers = editors.find((editor) => editor.CodeMirror?.getValue().includes('x-api-key'));
    headers!.CodeMirror!.setValue(value);
  }, text);
}

/** Opens the Documentation Explorer and returns its text once it shows the schema's root type. */
async function documentation(page: Page): Promise<string> {
  await page.locator('button[aria-label="Show Documentation Explorer"]').click();
  await page.locator('.graphiql-doc-explorer', { hasText: 'Query' }).waitFor({ timeout: 10_000 });
  return (await page.locator('.graphiql-doc-explorer').textContent()) ?? '';
}

describe.skipIf(!hasBrowser && !browserRequired)('GraphiQL in a real browser', () => {
  let graph: TestGraph;
  let browser: Browser;
  beforeAll(async () => {
    graph = await startGraph();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await graph?.close();
  });

  it('loads the partners’ schema once a key is typed in the Headers tab, without a re-fetch by hand', async () => {
    const { key } = await graph.gateway.partners!.addPartner('GraphiQL in a browser', 'pro');
    const endpoint = gatewayPath(graph.gatewayUrl, '/public/graphql');
    const page = await browser.newPage();
    const introspections = watchIntrospections(page, endpoint);
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(String(error)));
    await page.goto(endpoint, { waitUntil: 'networkidle' });
    // Opened without a key: the one introspection is refused, so GraphiQL has no schema yet.
    await expect.poll(() => introspections.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(introspections.every((introspection) => !introspection.loaded)).toBe(true);
    expect(introspections[0]).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });

    await typeHeaders(page, JSON.stringify({ 'x-api-key': key }, null, 2));
    await expect.poll(() => introspections.some((introspection) => introspection.loaded), { timeout: 10_000 }).toBe(true);
    expect(introspections.find((introspection) => introspection.loaded)).toMatchObject({ status: 200, apiKey: key });
    // The contract's schema, in GraphiQL's own Documentation Explorer.
    expect(await documentation(page)).toContain('Query');
    expect(failures).toEqual([]);
    await page.close();
  });

  it('loads the whole graph’s schema on the internal page with the token it starts with', async () => {
    const page = await browser.newPage();
    const introspections = watchIntrospections(page, graph.gatewayUrl);
    await page.goto(graph.gatewayUrl, { waitUntil: 'networkidle' });
    await expect.poll(() => introspections.some((introspection) => introspection.loaded), { timeout: 10_000 }).toBe(true);
    expect(await documentation(page)).toContain('Query');
    await page.close();
  });
});
