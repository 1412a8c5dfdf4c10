export const LOYALTY_TIERS = ['BASIC', 'SILVER', 'GOLD', 'PLATINUM'] as const;
export type LoyaltyTierName = (typeof LOYALTY_TIERS)[number];

/** Points needed for each tier, highest first. */
const THRESHOLDS: [LoyaltyTierName, number][] = [
  ['PLATINUM', 5000],
  ['GOLD', 2000],
  ['SILVER', 500],
  ['BASIC', 0],
];

/** The tier a points balance earns. */
export function tierForPoints(points: number): LoyaltyTierName {
  return THRESHOLDS.find(([, min]) => points >= min)![0];
}
