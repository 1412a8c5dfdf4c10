/**
 * The options of `npm run simulate`: flags parsed with node:util, validated with zod, every one
 * documented in `--help` with its default. A bad flag fails before any traffic, naming the flag.
 */
import { z } from 'zod';
import { tokenFlag, tokenFromOptions } from '../token-option.js';
import { checkFlags, readFlags } from '../usage-error.js';

export interface SimulateOptions {
  /** The gateway's GraphQL endpoint. @default SIMULATE_GATEWAY_URL, else http://127.0.0.1:4000/graphql */
  gatewayUrl: string;
  /** Operations started per second. @default 5 */
  rate: number;
  /** Seconds of traffic; undefined runs until stopped. @default undefined */
  durationSeconds: number | undefined;
  /** Seed of the traffic mix: the same seed gives the same sequence of choices. @default a random one, printed */
  seed: number;
  /** No line per operation, only the start and the summary. @default false */
  quiet: boolean;
  /**
   * The bearer token sent with every operation; it must allow them all. @default TOKEN, else
   * development tokens the simulator mints per actor (bench/simulation/simulator-identity.ts)
   */
  token?: string;
}

export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000/graphql';

export const SIMULATE_HELP = `Usage: npm run simulate -- [options]

Sends realistic omnichannel stock traffic through the gateway: till sales (some naming a
customer), click & collect reservations, their pick-ups and cancellations, deliveries and
counts, most of it at store-01..03 (the stores GraphiQL's live-stock tab watches).

Options:
  --rate <n>        operations started per second (default 5)
  --duration <s>    seconds to run (default: until Ctrl-C)
  --seed <n>        seed of the traffic mix, to repeat a run (default: random, printed at start)
  --quiet           no line per operation; only the start and the summary
  --gateway <url>   the gateway's GraphQL endpoint (default: SIMULATE_GATEWAY_URL,
                    else ${DEFAULT_GATEWAY_URL})
  --token <jwt>     bearer token sent with every operation (default: TOKEN); it must allow
                    them all, e.g. TOKEN=$(npm run -s token -- --scope "stock:write callcenter")
  --help            this text

Without a token the simulator acts as the people who would really do each operation: staff of
the store for its sales, pick-ups, deliveries and counts, the call center for reservations and
cancellations, the back office (stock:write) for warehouses. It mints their tokens itself with
the public development secret, which only a gateway using it accepts (npm start with none of
JWT_SECRET, JWKS_PATH, JWKS_URL set); for any other gateway, pass --token.
`;

const flags = z.object({
  gateway: z.string().url('must be an http(s) URL'),
  rate: z.coerce.number().positive('must be more than 0').max(1000, 'must be at most 1000'),
  duration: z.coerce.number().positive('must be more than 0').optional(),
  seed: z.coerce.number().int('must be an integer').min(0, 'must be 0 or more').max(2 ** 32 - 1, 'must fit in 32 bits').optional(),
  quiet: z.boolean(),
  token: tokenFlag,
});

/** Parsed options, or `'help'` when `--help` was asked for. Throws UsageError naming the bad flag. */
export function parseSimulateOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): SimulateOptions | 'help' {
  const values = readFlags(argv, {
    rate: { type: 'string', default: '5' },
    duration: { type: 'string' },
    seed: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    gateway: { type: 'string', default: env.SIMULATE_GATEWAY_URL || DEFAULT_GATEWAY_URL },
    token: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) return 'help';
  const { gateway, rate, duration, seed, quiet, token } = checkFlags(flags, { ...values, token: tokenFromOptions(values.token, env) });
  return {
    gatewayUrl: gateway,
    rate,
    durationSeconds: duration,
    // A random seed is still a seed: printing it lets a person repeat an interesting run.
    seed: seed ?? Math.floor(Math.random() * 2 ** 31),
    quiet,
    ...(token === undefined ? {} : { token }),
  };
}
