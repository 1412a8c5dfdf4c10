import type { UserError } from '../domain/errors.js';

/** What a mutation did: its result, or why it was refused (and then nothing changed). */
export type CommandResult<T> = { ok: true; value: T } | { ok: false; userErrors: UserError[] };

export const done = <T>(value: T): CommandResult<T> => ({ ok: true, value });
export const refused = <T>(userErrors: UserError[]): CommandResult<T> => ({ ok: false, userErrors });
