/** A command-line flag that cannot be used, for the bench scripts; its message names the flag. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ZodError, ZodType, z } from 'zod';

export class UsageError extends Error {
  readonly code = 'BAD_OPTION';

  /** The first problem zod found, as `--flag: what is wrong`. */
  static fromZod(error: ZodError): UsageError {
    const issue = error.issues[0]!;
    return new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
  }
}

/** The flags of `argv` by node:util's parseArgs (no positionals); a flag it refuses becomes a UsageError. */
export function readFlags<const T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The flags checked by `schema`; its first complaint becomes a UsageError naming the flag. */
export function checkFlags<S extends ZodType>(schema: S, values: unknown): z.infer<S> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw UsageError.fromZod(parsed.error);
  return parsed.data;
}
