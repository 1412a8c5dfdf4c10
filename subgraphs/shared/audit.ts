/**
 * The audit trail: one structured entry per stock-moving or personal-data-changing mutation, and per
 * read of a customer's personal data by store staff (`readCustomer`, once per customer and request
 * however many fields it reads: customer/ACCESS.md), saying who (the principal), what (the operation
 * and its target) and how it ended. It never holds a token nor the request's other data: only the
 * principal's subject, scopes and store, and the ids of the target.
 *
 * A subgraph's resolvers record through `services.audit` (bound to the subgraph's name); where the
 * entries go is the runtime option `audit` (tests collect them), by default JSON lines on the
 * stream or file `AUDIT_LOG` names (`stdout`, the default; `stderr`; or a file path), apart from the
 * subgraph's own log when it names a file or stderr.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { pino, type Logger } from 'pino';
import type { SubgraphName } from '../../schema/subgraphs.js';
import type { SubgraphPrincipal } from '../../platform/principal.js';
import { ACCESS_ERROR } from './access.js';

/**
 * - `succeeded`: the mutation did what was asked (or answered an idempotent replay of it); the read
 *   was let through;
 * - `refused`: answered with userErrors (their codes are in `userErrors`), nothing changed;
 * - `forbidden` / `unauthorized`: an access rule turned it away before anything was read or changed
 *   (FORBIDDEN or CONSENT_REQUIRED: a store staff read of a customer who did not consent);
 * - `failed`: any other error (bad input, a fault, an unknown customer).
 */
export type AuditOutcome = 'succeeded' | 'refused' | 'forbidden' | 'unauthorized' | 'failed';

/** Ids of what the mutation or read acts on: sku, locationId, customerId, reservationId... (null when absent from the request). */
export type AuditTarget = Record<string, string | readonly string[] | null>;

export interface AuditPrincipal {
  subject: string | null;
  scopes: string[];
  storeId: string | null;
}

export interface AuditEntry {
  audit: true;
  subgraph: SubgraphName;
  operation: string;
  principal: AuditPrincipal | 'anonymous';
  outcome: AuditOutcome;
  /** The codes of the userErrors of a `refused` outcome. */
  userErrors?: string[];
  target: AuditTarget;
}

/** Where entries go. Must not throw: the mutation or read it records has already happened. */
export type AuditSink = (entry: AuditEntry) => void;

/** What a resolver records; the subgraph's name is added by `bindAuditSink`. */
export type AuditEvent = Omit<AuditEntry, 'audit' | 'subgraph'>;
export type AuditRecorder = (event: AuditEvent) => void;

export function bindAuditSink(subgraph: SubgraphName, sink: AuditSink): AuditRecorder {
  return (event) => sink({ audit: true, subgraph, ...event });
}

const auditLoggers = new Map<string, Logger>();

/**
 * JSON lines (ISO times) to `target` — `stdout`, `stderr` or a file path, appended to — through one
 * pino logger per target and process, at info level whatever the subgraph's log level is: the audit
 * trail is not a debugging aid one switches off, and it stays JSON when the log is pretty.
 */
export function auditSinkTo(target: string = process.env.AUDIT_LOG || 'stdout'): AuditSink {
  let logger = auditLoggers.get(target);
  if (!logger) {
    const destination = target === 'stdout' ? pino.destination(1) : target === 'stderr' ? pino.destination(2) : pino.destination({ dest: target, mkdir: true, sync: false });
    logger = pino({ level: 'info', timestamp: pino.stdTimeFunctions.isoTime }, destination);
    auditLoggers.set(target, logger);
  }
  const chosen = logger;
  return (entry) => chosen.info(entry, 'audit');
}

export function auditPrincipal(principal: SubgraphPrincipal): AuditPrincipal | 'anonymous' {
  if (!principal.authenticated) return 'anonymous';
  return { subject: principal.subject ?? null, scopes: [...principal.scopes], storeId: principal.storeId ?? null };
}

/** What a context needs for `audited` resolvers. */
export interface AuditedContext {
  principal: SubgraphPrincipal;
  audit: AuditRecorder;
}

type ResolverFunction<TParent, TArgs, TContext, TResult> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => Promise<TResult> | TResult;

/**
 * Wraps a mutation resolver so that every call, however it ends, leaves one audit entry. The
 * resolver's own access checks throw UNAUTHORIZED / FORBIDDEN GraphQLErrors (shared/access.ts),
 * recorded as such; a payload with userErrors is `refused`. Errors are rethrown unchanged.
 */
export function audited<TParent, TArgs, TContext extends AuditedContext, TResult>(
  operation: string,
  resolve: ResolverFunction<TParent, TArgs, TContext, TResult>,
  targetOf: (args: TArgs) => AuditTarget,
): (parent: TParent, args: TArgs, context: TContext, info: GraphQLResolveInfo) => Promise<TResult> {
  return async (parent, args, context, info) => {
    const record = (outcome: AuditOutcome, userErrors?: string[]) =>
      context.audit({
        operation,
        principal: auditPrincipal(context.principal),
        outcome,
        ...(userErrors ? { userErrors } : {}),
        target: targetOf(args),
      });
    let result: TResult;
    try {
      result = await resolve(parent, args, context, info);
    } catch (error) {
      record(outcomeOfError(error));
      throw error;
    }
    const codes = userErrorCodes(result);
    if (codes.length > 0) record('refused', codes);
    else record('succeeded');
    return result;
  };
}

function outcomeOfError(error: unknown): AuditOutcome {
  // Read by shape, not instanceof: @apollo/subgraph may load another copy of graphql than ours.
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  if (code === ACCESS_ERROR.FORBIDDEN || code === ACCESS_ERROR.CONSENT_REQUIRED) return 'forbidden';
  if (code === ACCESS_ERROR.UNAUTHORIZED) return 'unauthorized';
  return 'failed';
}

function userErrorCodes(result: unknown): string[] {
  const userErrors = (result as { userErrors?: unknown } | null)?.userErrors;
  if (!Array.isArray(userErrors)) return [];
  return userErrors.map((e) => String((e as { code?: unknown }).code));
}

/** Records one read: an operation (e.g. `readCustomer`), its target and how the access rule answered. */
export type ReadAudit = (operation: string, target: AuditTarget, outcome: AuditOutcome) => void;

/**
 * A request's recorder of reads: the first read of an operation and target leaves one entry, the
 * other fields of the same request that read them leave none (a read is audited, not each field).
 * Create one per request, beside the request's loaders.
 */
export function auditReadsOnce(audit: AuditRecorder, principal: SubgraphPrincipal): ReadAudit {
  const recorded = new Set<string>();
  return (operation, target, outcome) => {
    const key = JSON.stringify([operation, target]);
    if (recorded.has(key)) return;
    recorded.add(key);
    audit({ operation, principal: auditPrincipal(principal), outcome, target });
  };
}
