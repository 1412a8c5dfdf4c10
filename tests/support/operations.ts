import { readFileSync } from 'node:fs';

/** The exact text of a document our users send (tests/operations/<name>.graphql). */
export function operation(name: string): string {
  return readFileSync(new URL(`../operations/${name}.graphql`, import.meta.url), 'utf8');
}

/** A point in central Paris. */
export const PARIS = { lat: 48.8566, lng: 2.3522 };
