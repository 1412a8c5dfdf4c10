/**
 * Progressive `@override` (Federation 2.7): a field moving from one subgraph to another behind a
 * label. `label: "percent(N)"` sends N% of requests to the overriding subgraph, chosen per request
 * at random, as Apollo Router and Hive Router do; any other label is switched on by the operator
 * (`GATEWAY_OVERRIDE_LABELS`, comma-separated) for every request, until the migration is done and
 * the label removed from the subgraph.
 *
 * Each request rolls once; the labels that roll makes active are part of the plan's cache key, so a
 * cached plan is reused only for requests that would have been planned the same way.
 */

export interface OverrideDecision {
  /** The non-percentage labels switched on, for Hive's planner. */
  readonly labels: ReadonlySet<string>;
  /** The request's roll in [0, 100): `percent(N)` is active when it is below N. */
  readonly roll: number;
  /** Every active label (percentages included), in a fixed order: the plan cache's key part. */
  readonly key: string;
  /** Each label of the supergraph, active or not: what Apollo's planner takes (`overrideConditions`). */
  readonly conditions: ReadonlyMap<string, boolean>;
}

export interface ProgressiveOverride {
  /** False when the supergraph has no labelled `@override`: nothing to decide, nothing to key. */
  readonly labelled: boolean;
  /** This request's decision (a fixed one when `labelled` is false). */
  decide(): OverrideDecision;
}

const LABEL = /\boverrideLabel:\s*"([^"\\]*)"/g;
const PERCENT = /^percent\((\d+(?:\.\d+)?)\)$/;

const NONE: OverrideDecision = { labels: new Set(), roll: 0, key: '', conditions: new Map() };

/**
 * The labels of the supergraph's `@join__field(…, overrideLabel: …)` and the operator's
 * switched-on labels. `random` is a source of [0, 1) numbers (tests pass their own).
 */
export function createProgressiveOverride(coreSupergraphSdl: string, switchedOn: readonly string[] = [], random: () => number = Math.random): ProgressiveOverride {
  const labels = new Set<string>();
  for (const match of coreSupergraphSdl.matchAll(LABEL)) labels.add(match[1]!);
  if (labels.size === 0) return { labelled: false, decide: () => NONE };
  const percentages = [...labels]
    .map((label) => ({ label, percent: Number(PERCENT.exec(label)?.[1] ?? Number.NaN) }))
    .filter(({ percent }) => !Number.isNaN(percent))
    .sort((a, b) => a.percent - b.percent);
  const on = [...labels].filter((label) => !PERCENT.test(label) && switchedOn.includes(label)).sort();
  const onSet = new Set(on);
  return {
    labelled: true,
    decide() {
      const roll = percentages.length > 0 ? random() * 100 : 0;
      const conditions = new Map<string, boolean>();
      for (const label of labels) conditions.set(label, onSet.has(label));
      const active = [...on];
      for (const { label, percent } of percentages) {
        if (roll < percent) {
          conditions.set(label, true);
          active.push(label);
        }
      }
      return { labels: onSet, roll, key: active.join('\u0001'), conditions };
    },
  };
}
