/** A command-line flag that cannot be used, for the bench scripts; its message names the flag. */
import type { ZodError } from 'zod';

export class UsageError extends Error {
  readonly code = 'BAD_OPTION';

  /** The first problem zod found, as `--flag: what is wrong`. */
  static fromZod(error: ZodError): UsageError {
    const issue = error.issues[0]!;
    return new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
  }
}
