/**
 * The partner key store the `partner:*` commands work on: the gateway's own (DATA_DIR,
 * DATABASE_URL, PG_SCHEMA_PREFIX, read as the gateway reads them). A bad variable ends the command
 * with the configuration's one-line message, no stack.
 */
import { GatewayConfigError, loadGatewayConfig } from '../config.js';
import { openPartnerStore, type PartnerStore } from './partner-store.js';

export async function openPartnerStoreFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<PartnerStore> {
  let options;
  try {
    options = loadGatewayConfig(env).partners;
  } catch (error) {
    if (!(error instanceof GatewayConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  return openPartnerStore(options);
}
