import { useCallback, useEffect, useState } from 'react';
import { forgetToken } from './access-token.ts';
import { pendingExpired, submissionStore } from './submission-store.ts';
import type { PendingBallot } from './submission-store.ts';

/** A ballot this device finished but the server has not confirmed: still waiting, or too late to count. */
export type WaitingBallot = { kind: 'waiting'; ballot: PendingBallot } | { kind: 'expired'; closesAt: string } | null;

/** The unsent ballot kept in this scope, if any, and whether its campaign has closed since. Reads only. */
export function findWaitingBallot(scope: string, now = Date.now()): WaitingBallot {
  const ballot = submissionStore(scope).loadPending();
  if (!ballot) return null;
  return pendingExpired(ballot, now) ? { kind: 'expired', closesAt: ballot.closesAt! } : { kind: 'waiting', ballot };
}

/** Drops a ballot that can no longer count, with its draft and its code's token. */
export function dropWaitingBallot(scope: string): void {
  submissionStore(scope).clear();
  forgetToken(scope);
}

/** Like findWaitingBallot, and drops one too late to count: for event handlers, not for rendering. */
export function takeWaitingBallot(scope: string): WaitingBallot {
  const found = findWaitingBallot(scope);
  if (found?.kind === 'expired') dropWaitingBallot(scope);
  return found;
}

/**
 * What a page knows of the unsent ballot in its scope (null: none to look for). One whose campaign has
 * closed is dropped once the page has shown that it could not be sent; `expire` says the server answered
 * that the campaign has closed.
 */
export function useWaitingBallot(scope: string | null): { waiting: WaitingBallot; expire: () => void } {
  const [waiting, setWaiting] = useState(() => (scope === null ? null : findWaitingBallot(scope)));
  useEffect(() => {
    if (scope !== null && waiting?.kind === 'expired') dropWaitingBallot(scope);
  }, [scope, waiting]);
  const expire = useCallback(
    () =>
      setWaiting((w) =>
        w?.kind === 'waiting' ? { kind: 'expired', closesAt: w.ballot.closesAt ?? new Date().toISOString() } : w,
      ),
    [],
  );
  return { waiting, expire };
}
