/**
 * Which parts of the graph are down right now, from the gateway's `/ready` (every subgraph's own
 * health), asked every few seconds while the page is visible. The streams need nothing of it — the
 * gateway resumes them by itself when a subgraph comes back — but the person looking should know
 * that changes are held up, and by what.
 */
import { useEffect, useState } from 'react';

const EVERY_MS = 5_000;

export function useUnavailableServices(): string[] {
  const [failed, setFailed] = useState<string[]>([]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const check = async () => {
      if (document.visibilityState === 'visible') {
        try {
          const response = await fetch('/ready', { cache: 'no-store' });
          const body = (await response.json()) as { failed?: unknown };
          if (!stopped) setFailed(Array.isArray(body.failed) ? body.failed.filter((name): name is string => typeof name === 'string') : []);
        } catch {
          // The gateway itself is unreachable: the WebSocket's status says so already.
          if (!stopped) setFailed([]);
        }
      }
      if (!stopped) timer = setTimeout(check, EVERY_MS);
    };
    void check();
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        clearTimeout(timer);
        void check();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return failed;
}
