import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REFRESH_SECONDS,
  liveColumns,
  nextReadingMs,
  refreshSeconds,
} from '../../client/src/results/live-refresh.ts';
import type { LiveResults } from '../../client/src/results/results-types.ts';

// The public live page refreshes itself without costing the server a reading per hidden tab (issue 13).

describe('how often the live page reads the results', () => {
  it('reads every 20 s unless the address asks for 5 to 300 s', () => {
    expect(refreshSeconds('')).toBe(DEFAULT_REFRESH_SECONDS);
    expect(DEFAULT_REFRESH_SECONDS).toBe(20);
    expect(refreshSeconds('?refresh=60')).toBe(60);
    expect(refreshSeconds('?refresh=1')).toBe(5);
    expect(refreshSeconds('?refresh=100000')).toBe(300);
    expect(refreshSeconds('?refresh=abc')).toBe(20);
    expect(refreshSeconds('?refresh=-3')).toBe(20);
  });

  const state = { intervalMs: 20_000, visible: true, failures: 0, sinceLastMs: 0, open: true };

  it('waits the interval after a reading while the page is on screen', () => {
    expect(nextReadingMs(state)).toBe(20_000);
  });

  it('reads nothing while the page is hidden, and at once when shown again with a stale reading', () => {
    expect(nextReadingMs({ ...state, visible: false })).toBeNull();
    expect(nextReadingMs({ ...state, sinceLastMs: 60_000 })).toBe(0);
    expect(nextReadingMs({ ...state, sinceLastMs: 5_000 })).toBe(15_000);
  });

  it('backs off after failures, to at most five minutes', () => {
    expect(nextReadingMs({ ...state, failures: 1 })).toBe(40_000);
    expect(nextReadingMs({ ...state, failures: 3 })).toBe(160_000);
    expect(nextReadingMs({ ...state, failures: 50 })).toBe(300_000);
  });

  it('stops once the campaign is closed: its counts no longer change', () => {
    expect(nextReadingMs({ ...state, open: false })).toBeNull();
  });
});

describe('the live table', () => {
  const recipientCount = {
    raterType: 'recipient' as const,
    status: 'ok' as const,
    ballots: 12,
    minCount: 5,
    suppressed: false,
    score: null,
    mean: null,
    ci: null,
    items: [],
  };
  const results = (scoresHidden: boolean, groups: LiveResults['units'][number]['groups']) =>
    ({ scoresHidden, units: [{ groups }, { groups }] }) as unknown as LiveResults;

  it('while scores are hidden shows the counts of the rater types the API gives per unit, and no mean', () => {
    expect(liveColumns(results(true, [recipientCount]))).toEqual({ raterTypes: ['recipient'], means: false });
    expect(liveColumns(results(true, []))).toEqual({ raterTypes: [], means: false });
  });

  it('with scores (the office, after close) shows a mean beside each count', () => {
    const superior = { ...recipientCount, raterType: 'superior' as const, mean: 88, score: 88 };
    expect(liveColumns(results(false, [superior, { ...recipientCount, mean: 90 }]))).toEqual({
      raterTypes: ['superior', 'recipient'],
      means: true,
    });
  });
});
