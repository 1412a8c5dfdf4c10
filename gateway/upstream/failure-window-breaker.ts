/**
 * When a subgraph's circuit opens: after `failures` failed fetches within `windowMs` (a sliding
 * window of failure times), whatever succeeded in between — a subgraph that fails one fetch in two
 * is as broken as one that fails them all. A successful probe while half-open clears the window.
 * The decision only: cockatiel's CircuitBreakerPolicy runs the states (closed, open, half-open).
 */
import { CircuitState, type IBreaker } from 'cockatiel';

export class FailureWindowBreaker implements IBreaker {
  readonly #failures: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  /** Times of the failures still inside the window, oldest first. */
  #times: number[] = [];

  constructor(failures: number, windowMs: number, now: () => number = Date.now) {
    this.#failures = failures;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  get state(): unknown {
    return [...this.#times];
  }

  set state(value: unknown) {
    this.#times = Array.isArray(value) ? value.filter((time): time is number => typeof time === 'number') : [];
  }

  success(state: CircuitState): void {
    if (state === CircuitState.HalfOpen) this.#times = [];
  }

  failure(state: CircuitState): boolean {
    const now = this.#now();
    if (state === CircuitState.HalfOpen) {
      this.#times = [now];
      return true;
    }
    this.#times.push(now);
    while (this.#times.length > 0 && this.#times[0]! <= now - this.#windowMs) this.#times.shift();
    return this.#times.length >= this.#failures;
  }
}
