/**
 * `npm run schema:check`: what a change of the subgraph SDLs does to the partners' public schema.
 * Composes the contract from the SDLs as they are now, compares its API schema with the committed
 * schema/public.graphql (GraphQL Inspector's diff) and prints every change with its criticality.
 * A breaking change fails the check (exit 1): partners' queries that run today would stop working.
 * `--allow-breaking` or SCHEMA_CHECK_ALLOW_BREAKING=1 lets one through, deliberately.
 * `--base PATH` compares with another public schema (e.g. the main branch's, in CI) instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import { PUBLIC_SCHEMA_PATH, composeContract } from './compose.js';
import type { SubgraphName } from './subgraphs.js';

export interface SchemaCheckOptions {
  /** Subgraph SDLs to use instead of the files in schema/ (to try a change before writing it). */
  sdlOverrides?: Partial<Record<SubgraphName, string>>;
  /** The public schema to compare with. @default the content of schema/public.graphql */
  baseSdl?: string;
  /** Let breaking changes pass. @default false */
  allowBreaking?: boolean;
}

export interface SchemaCheckResult {
  /** 0 when the check passes, 1 when it fails. */
  exitCode: 0 | 1;
  /** Every change from the base to the composed public schema. */
  changes: Change[];
  /** What the check prints, line by line. */
  report: string[];
}

const LABELS: Record<CriticalityLevel, string> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};
const ORDER = [CriticalityLevel.Breaking, CriticalityLevel.Dangerous, CriticalityLevel.NonBreaking];

function describeChange(change: Change): string {
  const line = `  ${LABELS[change.criticality.level].padEnd(9)} ${change.path ?? '(schema)'}: ${change.message}`;
  return change.criticality.reason ? `${line}\n            ${change.criticality.reason}` : line;
}

/** Runs the check; prints nothing, returns the exit code and the report. */
export async function checkPublicSchema(options: SchemaCheckOptions = {}): Promise<SchemaCheckResult> {
  const baseSdl = options.baseSdl ?? (existsSync(PUBLIC_SCHEMA_PATH) ? readFileSync(PUBLIC_SCHEMA_PATH, 'utf8') : undefined);
  if (baseSdl === undefined) {
    return { exitCode: 1, changes: [], report: ['schema/public.graphql is missing: run `npm run compose` and commit it.'] };
  }
  const contract = composeContract(options.sdlOverrides);
  if (!contract.ok) {
    return { exitCode: 1, changes: [], report: ['The public contract does not compose:', ...contract.errors.map((e) => `  ${e}`)] };
  }
  let base;
  try {
    base = buildSchema(baseSdl);
  } catch (error) {
    return { exitCode: 1, changes: [], report: [`The public schema to compare with is not a valid schema: ${String(error)}`] };
  }
  const changes = await diff(base, buildSchema(contract.apiSchemaSdl));
  if (changes.length === 0) return { exitCode: 0, changes, report: ['The public schema is unchanged.'] };

  const sorted = [...changes].sort((a, b) => ORDER.indexOf(a.criticality.level) - ORDER.indexOf(b.criticality.level));
  const count = (level: CriticalityLevel) => changes.filter((c) => c.criticality.level === level).length;
  const breaking = count(CriticalityLevel.Breaking);
  const report = [
    `${changes.length} change(s) to the public schema: ${breaking} breaking, ${count(CriticalityLevel.Dangerous)} dangerous, ${count(CriticalityLevel.NonBreaking)} safe.`,
    ...sorted.map(describeChange),
  ];
  if (breaking === 0) {
    report.push('No breaking change. Run `npm run compose` and commit schema/public.graphql with the SDL change.');
    return { exitCode: 0, changes, report };
  }
  if (options.allowBreaking) {
    report.push('Breaking changes allowed (--allow-breaking / SCHEMA_CHECK_ALLOW_BREAKING=1): tell the partners before it ships.');
    return { exitCode: 0, changes, report };
  }
  report.push(
    'Breaking changes: queries partners run today would fail. Keep the old elements (deprecate them first),',
    'or allow the break with --allow-breaking or SCHEMA_CHECK_ALLOW_BREAKING=1.',
  );
  return { exitCode: 1, changes, report };
}

/** The command line: `tsx schema/check.ts [--allow-breaking] [--base PATH]`. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<0 | 1> {
  const baseIndex = argv.indexOf('--base');
  const basePath = baseIndex >= 0 ? argv[baseIndex + 1] : undefined;
  if (baseIndex >= 0 && !basePath) {
    console.error('--base needs the path of a public schema file.');
    return 1;
  }
  if (basePath && !existsSync(basePath)) {
    console.error(`--base ${basePath}: no such file.`);
    return 1;
  }
  const result = await checkPublicSchema({
    ...(basePath ? { baseSdl: readFileSync(basePath, 'utf8') } : {}),
    allowBreaking: argv.includes('--allow-breaking') || env.SCHEMA_CHECK_ALLOW_BREAKING === '1',
  });
  const print = result.exitCode === 0 ? console.log : console.error;
  for (const line of result.report) print(line);
  return result.exitCode;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2), process.env);
}
