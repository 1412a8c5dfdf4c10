/**
 * How the differential suites compare our engine's answer with stock @apollo/gateway's: `data`
 * deep-equal (key order included: it is the client's field order), and the same errors by path
 * and code, in any order (parallel fetches finish in any order).
 */
import { expect } from 'vitest';

interface Answer {
  data?: unknown;
  errors?: { path?: unknown; extensions?: { code?: unknown } }[] | undefined;
  extensions?: Record<string, unknown> | undefined;
}

const errorKeys = (errors: Answer['errors']) =>
  (errors ?? []).map((error) => `${JSON.stringify(error.path ?? null)} ${String(error.extensions?.code)}`).sort();

export function compareAnswers(ours: Answer, stock: Answer): void {
  expect(JSON.stringify(ours.data)).toBe(JSON.stringify(stock.data));
  expect(errorKeys(ours.errors)).toEqual(errorKeys(stock.errors));
  const completion = (answer: Answer) => errorKeys(answer.extensions?.valueCompletion as Answer['errors']);
  expect(completion(ours)).toEqual(completion(stock));
}
