/**
 * `npm run simulate`: realistic omnichannel stock traffic through the gateway, to watch live in
 * GraphiQL's live-stock tab or with `npm run watch:stock`. Options: `npm run simulate -- --help`.
 */
import { DEVELOPMENT_TOKEN_NOTE } from './development-token.js';
import { formatSummary } from './simulation/operation-log.js';
import { runSimulation, SimulatorStartError } from './simulation/run-simulation.js';
import { parseSimulateOptions, SIMULATE_HELP } from './simulation/simulate-options.js';
import { UsageError } from './usage-error.js';

let options;
try {
  options = parseSimulateOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${SIMULATE_HELP}`);
  process.exit(2);
}
if (options === 'help') {
  console.log(SIMULATE_HELP);
  process.exit(0);
}

const stop = new AbortController();
process.on('SIGINT', () => {
  // A second Ctrl-C does not wait for the calls in flight.
  if (stop.signal.aborted) process.exit(130);
  console.log('Stopping: waiting for the operations in flight (Ctrl-C again to quit at once)...');
  stop.abort();
});
process.once('SIGTERM', () => stop.abort());

try {
  const summary = await runSimulation({ ...options, signal: stop.signal });
  console.log(formatSummary(summary));
} catch (error) {
  if (!(error instanceof SimulatorStartError)) throw error;
  const hint =
    error.code !== 'TOKEN_REFUSED'
      ? 'Is the graph running (npm start)? Pass its URL with --gateway or SIMULATE_GATEWAY_URL.'
      : options.token === undefined
        ? `The simulator's own tokens are ${DEVELOPMENT_TOKEN_NOTE}: pass one this gateway accepts with --token or TOKEN.`
        : 'Pass a token this gateway accepts (valid, unexpired) with --token or TOKEN.';
  console.error(`${error.message}\n${hint}`);
  process.exit(1);
}
