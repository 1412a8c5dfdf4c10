import { foldForSearch } from '../../shared/fold-text.js';
import { searchTextProblem } from '../../shared/search-text.js';
import { InvalidArgumentError } from './errors.js';
import { parsePageSize } from './pagination.js';

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_DEFAULT_SIZE = 10;
export const SEARCH_MAX_SIZE = 50;


/** What to look for, in the form each column is stored in. */
export interface CustomerSearch {
  /** Matched inside "first last" (so in the first name, the last name, or both). */
  name: string;
  /** Matched inside the (lower-case) e-mail. */
  email: string;
  /** Matched inside the E.164 phone, when the search looks like a phone number. */
  phone: string | null;
  /** The customer number on a loyalty card, when the search is one (that customer comes first). */
  loyaltyNumber: number | null;
  /** How many customers to return. */
  first: number;
}

/**
 * Reads `customers(search, first)`. A phone can be typed the French way ("06 12 34 56 78") or in
 * E.164 ("+33612345678"): both find "+33612345678". A loyalty card carries the customer id
 * ("cust-00042"); typed whole or as its digits ("00042", "42") it finds customer number 42.
 */
export function parseCustomerSearch(search: string, first: number | null | undefined): CustomerSearch {
  const size = parsePageSize(first, { argument: 'first', defaultValue: SEARCH_DEFAULT_SIZE, max: SEARCH_MAX_SIZE });
  const problem = searchTextProblem('search', search);
  if (problem !== undefined) throw new InvalidArgumentError('search', problem);
  const text = foldForSearch(search);
  if (text.length < SEARCH_MIN_LENGTH) {
    throw new InvalidArgumentError('search', `"search" must have at least ${SEARCH_MIN_LENGTH} characters.`);
  }
  return { name: text, email: text, phone: phoneFragment(search), loyaltyNumber: loyaltyNumber(search), first: size };
}

/**
 * The domain has no loyalty number of its own: the card carries the customer id, whose digits are
 * the customer number (`n`). At most nine digits, so any such number fits the column's integer.
 */
const LOYALTY_NUMBER = /^(?:cust-)?(\d{1,9})$/i;

function loyaltyNumber(search: string): number | null {
  const match = LOYALTY_NUMBER.exec(search.trim());
  if (!match) return null;
  const number = Number(match[1]);
  return number > 0 ? number : null;
}

function phoneFragment(search: string): string | null {
  const compact = search.replace(/[\s.\-()]/g, '');
  if (!/^(\+|00)?\d{2,}$/.test(compact)) return null;
  if (compact.startsWith('+')) return compact;
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  // A French national number: the leading 0 stands for +33.
  if (compact.startsWith('0')) return `+33${compact.slice(1)}`;
  return compact;
}
