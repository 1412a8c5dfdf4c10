/** What an event bus throws, each with a stable code so callers and operators can tell them apart. */

export const EVENT_BUS_ERROR = {
  /** The bus's server (Redis) could not be reached when the bus was created. */
  UNAVAILABLE: 'EVENT_BUS_UNAVAILABLE',
  /** The bus was used after close(). */
  CLOSED: 'EVENT_BUS_CLOSED',
} as const;

export type EventBusErrorCode = (typeof EVENT_BUS_ERROR)[keyof typeof EVENT_BUS_ERROR];

export class EventBusError extends Error {
  override readonly name = 'EventBusError';

  constructor(
    readonly code: EventBusErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
