/**
 * `npm run token -- --scope callcenter [--sub cust-00042] [--store store-01] [--expires-in 1h]`:
 * prints an HS256 development token signed with JWT_SECRET (or the development secret `npm start`
 * uses when no key source is set), for the configured JWT_ISSUER and JWT_AUDIENCE. Only the token
 * goes to stdout, so `TOKEN=$(npm run -s token -- --scope callcenter)` works.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { loadGatewayConfig } from '../config.js';
import { DEVELOPMENT_JWT_SECRET, namesKeySource } from './development-secret.js';
import { formatTimeSpan, timeSpanSeconds } from './time-span.js';

export interface DevelopmentTokenRequest {
  secret: string;
  issuer: string;
  audience: string;
  subject: string;
  scopes: readonly string[];
  storeId?: string | undefined;
  /** A jose time span (`90s`, `15m`, `1h`, `7d`). */
  expiresIn: string;
}

export async function mintDevelopmentToken(request: DevelopmentTokenRequest): Promise<string> {
  return new SignJWT({ scope: request.scopes.join(' '), ...(request.storeId === undefined ? {} : { storeId: request.storeId }) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(request.issuer)
    .setAudience(request.audience)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn)
    .sign(new TextEncoder().encode(request.secret));
}

const USAGE = 'usage: npm run token -- --scope SCOPE [--scope SCOPE...] [--sub SUBJECT] [--store STORE_ID] [--expires-in 1h]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scope: { type: 'string', multiple: true },
      sub: { type: 'string', default: 'dev-user' },
      store: { type: 'string' },
      'expires-in': { type: 'string', default: '1h' },
    },
    strict: true,
  });
  const scopes = (values.scope ?? []).flatMap((scope) => scope.split(/[\s,]+/)).filter(Boolean);
  if (scopes.length === 0) throw new Error(`name at least one scope\n${USAGE}`);
  const lifetime = timeSpanSeconds(values['expires-in']);
  if (lifetime === undefined || lifetime <= 0 || /^\d+$/.test(values['expires-in'].trim())) {
    throw new Error(`--expires-in takes a span such as 90s, 15m, 1h or 7d\n${USAGE}`);
  }
  // The same defaults as `npm start`: no key source named means the development secret.
  const env = namesKeySource(process.env) ? process.env : { ...process.env, JWT_SECRET: DEVELOPMENT_JWT_SECRET };
  const { identity } = loadGatewayConfig(env);
  if (identity.jwtSecret === undefined) throw new Error('the gateway verifies tokens with a JWKS; mint them with your identity provider (this script signs HS256 with JWT_SECRET)');
  if (lifetime > identity.maxTokenAgeSeconds) {
    throw new Error(
      `--expires-in ${values['expires-in']} is longer than the gateway accepts (JWT_MAX_TOKEN_AGE: ${formatTimeSpan(identity.maxTokenAgeSeconds)}); ask for less or raise JWT_MAX_TOKEN_AGE`,
    );
  }
  const token = await mintDevelopmentToken({
    secret: identity.jwtSecret,
    issuer: identity.issuer,
    audience: identity.audience,
    subject: values.sub,
    scopes,
    storeId: values.store,
    expiresIn: values['expires-in'],
  });
  process.stdout.write(`${token}\n`);
}

// Run as a script, not when a test imports mintDevelopmentToken.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`npm run token: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  });
}
