import { useEffect, useRef } from 'react';

const FIRST_DELAY_MS = 5_000;
const LONGEST_DELAY_MS = 60_000;

/** How long to wait before the next try, after `failures` tries that found no network: 5 s doubling to 60 s. */
export function retryDelayMs(failures: number): number {
  return Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, failures));
}

/**
 * While `idle` (something is waiting and no try is under way), tries again: at once when the browser says
 * it is back online or the page becomes visible (the person picks up the phone), and otherwise on a timer
 * that backs off, so a phone without signal is not kept busy. Each try should end by making `idle` true
 * again if it failed.
 */
export function useAutoRetry(idle: boolean, tryAgain: () => void): void {
  const latest = useRef(tryAgain);
  const failures = useRef(0);
  useEffect(() => {
    latest.current = tryAgain;
  }, [tryAgain]);

  useEffect(() => {
    if (!idle) return;
    const now = (fresh: boolean) => {
      // A sign that the network may be back starts the backoff again.
      failures.current = fresh ? 0 : failures.current + 1;
      latest.current();
    };
    const timer = setTimeout(() => now(false), retryDelayMs(failures.current));
    const onOnline = () => now(true);
    const onVisible = () => {
      if (document.visibilityState === 'visible') now(true);
    };
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [idle]);
}
