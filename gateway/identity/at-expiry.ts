/**
 * Runs `expire` once `expiresAt` has passed. setTimeout waits at most 2^31 - 1 ms (about 24 days);
 * a later expiry is waited for in steps. Returns the function that cancels it.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function atExpiry(expiresAt: Date, expire: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    const left = expiresAt.getTime() - Date.now();
    if (left <= 0) expire();
    else timer = setTimeout(check, Math.min(left, MAX_TIMER_MS));
  };
  check();
  return () => clearTimeout(timer);
}
