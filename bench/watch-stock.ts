/**
 * `npm run watch:stock`: live stock changes in a terminal, resumed without gap when the
 * connection drops. Options: `npm run watch:stock -- --help`.
 */
import { StockWatchError, watchStock } from './stock-watch/resumable-stock-watch.js';
import { formatStockEvent } from './stock-watch/stock-event-line.js';
import { parseWatchOptions, WATCH_HELP } from './stock-watch/watch-options.js';
import { UsageError } from './usage-error.js';

let options;
try {
  options = parseWatchOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${WATCH_HELP}`);
  process.exit(2);
}
if (options === 'help') {
  console.log(WATCH_HELP);
  process.exit(0);
}

const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());

try {
  await watchStock(
    { ...options, signal: stop.signal },
    {
      event: (change, errors) => console.log(formatStockEvent(change, errors)),
      // Notices go to stderr so that stdout, redirected to a file, holds only changes.
      notice: (message) => console.error(`-- ${message}`),
    },
  );
} catch (error) {
  if (!(error instanceof StockWatchError)) throw error;
  console.error(error.code === 'GATEWAY_UNREACHABLE' ? `${error.message}\nIs the graph running (npm start)? Pass its URL with --gateway.` : error.message);
  process.exit(1);
}
