export interface ConsentsState {
  email: boolean;
  sms: boolean;
  personalizedOffers: boolean;
  /** ISO 8601. */
  updatedAt: string;
}

/** A change of consents; an omitted (or null) consent stays as it is. */
export interface ConsentsChange {
  email?: boolean | null | undefined;
  sms?: boolean | null | undefined;
  personalizedOffers?: boolean | null | undefined;
}

/**
 * Applies a change. Every consent the customer expresses, even one repeating the current value,
 * is a fresh agreement, so `updatedAt` becomes `now` as soon as one consent is given; a change that
 * gives none leaves everything, `updatedAt` included, as it was.
 */
export function applyConsentsChange(current: ConsentsState, change: ConsentsChange, now: string): ConsentsState {
  const given = [change.email, change.sms, change.personalizedOffers].some((value) => value !== null && value !== undefined);
  if (!given) return current;
  return {
    email: change.email ?? current.email,
    sms: change.sms ?? current.sms,
    personalizedOffers: change.personalizedOffers ?? current.personalizedOffers,
    updatedAt: now,
  };
}
