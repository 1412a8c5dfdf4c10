/**
 * The partner plans: what each plan may ask of the public endpoint. Published to partners in the
 * README's limits table, so a change here is a change of contract.
 */

export const PLAN_NAMES = ['starter', 'pro'] as const;
export type PlanName = (typeof PLAN_NAMES)[number];

export interface Plan {
  name: PlanName;
  /** Requests per second a key may sustain. */
  requestsPerSecond: number;
  /** Requests a key may send at once after a quiet spell, above the sustained rate. */
  burst: number;
  /** Largest cost estimate (demand control) one operation may have. */
  costBudget: number;
}

export const PLANS: Readonly<Record<PlanName, Readonly<Plan>>> = {
  starter: { name: 'starter', requestsPerSecond: 10, burst: 20, costBudget: 1_000 },
  pro: { name: 'pro', requestsPerSecond: 50, burst: 100, costBudget: 5_000 },
};

export function isPlanName(name: string): name is PlanName {
  return Object.hasOwn(PLANS, name);
}
