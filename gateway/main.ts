/** `npm run start:gateway`: the gateway alone, configured from the environment (see config.ts). */
import { GatewayConfigError, loadGatewayConfig, requireInternalTokenSecret, requireTokenKeySource, type GatewayConfig } from './config.js';
import { namesKeySource } from './identity/development-secret.js';
import { createGateway } from './create-gateway.js';
import { startTracing } from '../platform/tracing.js';

let config: GatewayConfig;
try {
  config = loadGatewayConfig(process.env);
  requireInternalTokenSecret(config);
  requireTokenKeySource(config);
} catch (error) {
  if (!(error instanceof GatewayConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// Traces go out over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (platform/tracing.ts).
const tracing = startTracing('omnichannel-gateway');
const gateway = await createGateway(config).catch((error: unknown) => {
  // A missing or broken supergraph file is an operator's problem: say it in one line, no stack.
  console.error(`Gateway did not start (supergraph ${config.supergraphPath}): ${error instanceof Error ? error.message : String(error)}`);
  return process.exit(1);
});
console.log(`Gateway ready at ${gateway.url}`);
if (!namesKeySource(process.env)) {
  console.warn('ALLOW_ANONYMOUS_ONLY=true and no token key source: serving anonymous callers only, every bearer token gets 401');
}

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second signal while draining: the operator wants out now.
    if (closing) process.exit(1);
    closing = true;
    console.log(`${signal}: finishing requests in flight, then stopping`);
    gateway.close().then(
      () => void (tracing?.shutdown() ?? Promise.resolve()).finally(() => process.exit(0)),
      (error: unknown) => {
        console.error('Gateway did not close cleanly', error);
        process.exit(1);
      },
    );
  });
}
