/**
 * `npm run bench:store`: what the store screen costs the device it runs on, against a running graph
 * (`npm start`, default seed): how long a store-staff sign-in takes to fill the stock table (from the
 * click, in the page: Resource and performance timings, the median of `--runs`), then the page's
 * main-thread time while `npm run simulate` moves stock and prices at `--rate` operations per
 * second (Chrome DevTools Protocol `Performance.getMetrics`: TaskDuration and ScriptDuration over
 * `--seconds`), in headless Chromium (`CHROMIUM_PATH`, else Debian's).
 *
 *   npm run bench:store -- [--gateway http://127.0.0.1:4000] [--store store-01] [--runs 5] [--rate 60] [--seconds 20]
 */
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';
import { median } from './median.js';
import { runSimulation } from './simulation/run-simulation.js';

const { values } = parseArgs({
  options: {
    gateway: { type: 'string', default: process.env.STORE_BENCH_GATEWAY_URL ?? 'http://127.0.0.1:4000' },
    store: { type: 'string', default: 'store-01' },
    runs: { type: 'string', default: '5' },
    rate: { type: 'string', default: '60' },
    seconds: { type: 'string', default: '20' },
  },
  strict: true,
});
const base = new URL(values.gateway).origin;
const runs = Number(values.runs);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
if (![runs, rate, seconds].every((value) => Number.isInteger(value) && value > 0)) {
  console.error('--runs, --rate and --seconds take whole numbers above 0');
  process.exit(2);
}
const executablePath = chromiumPath();
if (!executablePath) {
  console.error('No Chromium found: install Debian\'s chromium package or set CHROMIUM_PATH');
  process.exit(2);
}

const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });

/** Signs in as staff of the store on the development sign-in; resolves with the click-to-filled time in the page. */
async function signIn(page: Page): Promise<number> {
  await page.goto(`${base}/store`);
  await page.locator(`select[name="storeId"] option[value="${values.store}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  await page.locator('select[name="storeId"]').selectOption(values.store);
  const clicked = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: /Get a token|Obtenir un jeton/ }).click();
  await page.locator('.stock[data-loaded="true"]').waitFor({ timeout: 60_000 });
  // The moment the page had every level (apps/store: performance.mark), read from inside it:
  // no test-driver round trip in the figure.
  const filled = await page.evaluate(() => performance.getEntriesByName('store:stock-loaded').at(-1)?.startTime);
  if (filled === undefined) throw new Error('the page marked no store:stock-loaded');
  return filled - clicked;
}

try {
  const fills: number[] = [];
  let rows = '';
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    fills.push(await signIn(page));
    rows = (await page.locator('.stock .count').textContent()) ?? '';
    await page.close();
  }
  console.log(`store screen, ${values.store} (${rows}): click to every level in, median of ${runs}: ${Math.round(median(fills))} ms (first ${Math.round(fills[0]!)} ms; all ${fills.map(Math.round).join(', ')})`);

  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
  await signIn(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () =>
    Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]));
  const stop = new AbortController();
  const traffic = runSimulation({ gatewayUrl: new URL('/graphql', base).href, rate, durationSeconds: seconds + 5, seed: 42, quiet: true, signal: stop.signal, print: () => {} });
  // Let the traffic reach its rate before measuring.
  await page.waitForTimeout(2_000);
  const before = await metrics();
  const sequenceBefore = Number(await page.locator('.stock').getAttribute('data-stock-sequence'));
  await page.waitForTimeout(seconds * 1_000);
  const after = await metrics();
  const sequenceAfter = Number(await page.locator('.stock').getAttribute('data-stock-sequence'));
  stop.abort();
  await traffic;
  const busy = (name: string) => (after[name]! - before[name]!).toFixed(2);
  console.log(
    `under npm run simulate at ${rate}/s for ${seconds} s (ledger +${sequenceAfter - sequenceBefore}): main thread busy ${busy('TaskDuration')} s, script ${busy('ScriptDuration')} s, layouts ${after.LayoutCount! - before.LayoutCount!}`,
  );
  await page.close();
} finally {
  await browser.close();
}
