/**
 * A real browser for tests of pages: headless Chromium (Debian's `chromium` package, which
 * `.ci/run` installs) driven by playwright-core, which downloads no browser of its own.
 * `CHROMIUM_PATH` names another binary.
 *
 * Without a browser on the machine the browser tests are skipped with a reason, so `npm test`
 * still runs on a laptop without one, except where REQUIRE_BROWSER is set (CI sets it): there a
 * missing browser fails them, so they can never pass by not running.
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../bench/chromium.js';

export { chromiumPath };

/** Whether browser tests must run (CI): then a missing browser is a failure, not a skip. */
export const browserRequired = process.env.REQUIRE_BROWSER === '1' || process.env.REQUIRE_BROWSER === 'true';

/** Headless Chromium. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('No Chromium found: install Debian\'s chromium package or set CHROMIUM_PATH');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
