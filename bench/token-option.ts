/**
 * The `--token` option of the bench scripts that talk to a running gateway: the bearer token a
 * person gives them, on the command line or in TOKEN (as `TOKEN=$(npm run -s token -- ...)` sets it).
 */
import { z } from 'zod';

/** RFC 6750 `b64token`: what follows "Bearer " in the header; the gateway accepts no other form. */
export const tokenFlag = z
  .string()
  .regex(/^[A-Za-z0-9\-._~+/]+=*$/, 'must be the token itself, without "Bearer " before it')
  .optional();

/** `--token` when given, else a non-empty TOKEN. */
export function tokenFromOptions(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  return flag ?? (env.TOKEN || undefined);
}
