import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../client/src/respond/auto-retry.ts';
import { randomId } from '../../client/src/respond/random-id.ts';
import { pendingExpired, type PendingBallot } from '../../client/src/respond/submission-store.ts';

// A ballot sent without a network waits on the phone and goes again by itself (issue 18).

describe('how often a waiting ballot is tried again', () => {
  it('waits 5 s, then twice as long after each failed try, never more than a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
  });

  it('never waits less than the first delay', () => {
    expect(retryDelayMs(-1)).toBe(5_000);
  });
});

describe('how long a waiting ballot is kept', () => {
  const ballot: PendingBallot = {
    submissionId: randomId(),
    answers: { overall: 5 },
    fillSeconds: 40,
    closesAt: '2026-12-31T16:00:00.000Z',
  };
  const at = (iso: string) => Date.parse(iso);

  it('until the campaign closes, and not a moment after', () => {
    expect(pendingExpired(ballot, at('2026-12-31T15:59:59.999Z'))).toBe(false);
    expect(pendingExpired(ballot, at('2026-12-31T16:00:00.000Z'))).toBe(true);
    expect(pendingExpired(ballot, at('2027-01-05T00:00:00.000Z'))).toBe(true);
  });

  it('without a known close (kept before the close was stored, or unreadable): until it is sent', () => {
    expect(pendingExpired({ ...ballot, closesAt: null }, at('2030-01-01T00:00:00Z'))).toBe(false);
    expect(pendingExpired({ ...ballot, closesAt: 'soon' }, at('2030-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('the random ids of ballots and devices', () => {
  it('are version 4 UUIDs, as the server requires of a submission id', () => {
    const ids = Array.from({ length: 200 }, randomId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
