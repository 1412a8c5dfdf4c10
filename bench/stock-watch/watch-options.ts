/**
 * The options of `npm run watch:stock`: flags parsed with node:util, validated with zod, documented
 * in `--help`. A bad flag fails before connecting, naming the flag.
 */
import { z } from 'zod';
import { tokenFlag, tokenFromOptions } from '../token-option.js';
import { checkFlags, readFlags } from '../usage-error.js';

export interface WatchOptions {
  /** The gateway's GraphQL endpoint (http or ws; the WebSocket is on the same path). @default WATCH_STOCK_GATEWAY_URL, else http://127.0.0.1:4000/graphql */
  gatewayUrl: string;
  /** Only these skus; empty means every sku. */
  skus: string[];
  /** Only these locations; empty means every location. */
  locationIds: string[];
  /** Replay the ledger after this sequence first. @default undefined (live only) */
  after: number | undefined;
  /** The bearer token each connection sends. @default TOKEN, else a development call-center token minted per connection */
  token?: string;
}

export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000/graphql';
/** The schema's limit on `stockChanged(skus:)` and `stockChanged(locationIds:)`. */
const MAX_FILTER_IDS = 100;

export const WATCH_HELP = `Usage: npm run watch:stock -- [options]

Prints live stock changes from the gateway (the StockWatch subscription over WebSocket), one
line per change: sequence, time, reason, delta, available, location, product, store price.
When the connection drops it reconnects and resumes after the last sequence it printed, so
no change is missed.

Options:
  --sku <sku>         only this sku; repeat for more (default: every sku)
  --location <id>     only this location, e.g. store-01; repeat for more (default: every location)
  --after <sequence>  first replay every change after this ledger sequence (0 = from the start)
  --gateway <url>     the gateway's GraphQL endpoint (default: WATCH_STOCK_GATEWAY_URL,
                      else ${DEFAULT_GATEWAY_URL})
  --token <jwt>       bearer token to watch with (default: TOKEN), any signed-in principal,
                      e.g. TOKEN=$(npm run -s token -- --scope callcenter); the watch ends
                      when it expires
  --help              this text

Without a token the watch acts as the call center, with a token it mints itself (afresh on each
connection, so it never expires) with the public development secret, which only a gateway using
it accepts (npm start with none of JWT_SECRET, JWKS_PATH, JWKS_URL set); for any other gateway,
pass --token.
`;

const flags = z.object({
  gateway: z.string().regex(/^(http|ws)s?:\/\/\S+$/, 'must be an http(s) or ws(s) URL'),
  sku: z.array(z.string().min(1, 'must not be empty')).max(MAX_FILTER_IDS, `at most ${MAX_FILTER_IDS}`),
  location: z.array(z.string().min(1, 'must not be empty')).max(MAX_FILTER_IDS, `at most ${MAX_FILTER_IDS}`),
  after: z.coerce.number().int('must be an integer').min(0, 'must be 0 or more').optional(),
  token: tokenFlag,
});

/** Parsed options, or `'help'` when `--help` was asked for. Throws UsageError naming the bad flag. */
export function parseWatchOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): WatchOptions | 'help' {
  const values = readFlags(argv, {
    sku: { type: 'string', multiple: true, default: [] },
    location: { type: 'string', multiple: true, default: [] },
    after: { type: 'string' },
    gateway: { type: 'string', default: env.WATCH_STOCK_GATEWAY_URL || DEFAULT_GATEWAY_URL },
    token: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) return 'help';
  const { gateway, sku, location, after, token } = checkFlags(flags, { ...values, token: tokenFromOptions(values.token, env) });
  return { gatewayUrl: gateway, skus: sku, locationIds: location, after, ...(token === undefined ? {} : { token }) };
}
