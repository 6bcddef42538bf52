import { describe, expect, it } from 'vitest';
import { bandFor, gradeCategory } from '../../scoring/grading.ts';
import type { GradingCandidate } from '../../scoring/grading.ts';
import type { GradingSettings } from '../../scoring/settings.ts';
import { STANDARD_BANDS } from './scoring-factories.ts';

/** Candidates from [id, score] pairs, ranked by score with competition ranks. */
function ranked(pairs: readonly (readonly [string, number])[], vetoed: readonly string[] = []): GradingCandidate[] {
  return pairs.map(([id, score]) => ({
    id,
    score,
    rank: 1 + pairs.filter(([, other]) => other > score).length,
    vetoed: vetoed.includes(id),
  }));
}

function grades(candidates: readonly GradingCandidate[], grading: GradingSettings): Record<string, string | null> {
  const decisions = gradeCategory(candidates, grading);
  return Object.fromEntries(
    candidates.map((candidate) => [candidate.id, decisions.get(candidate.id)!.grade?.grade ?? null]),
  );
}

describe('grade bands', () => {
  it('puts band boundaries in the upper band', () => {
    expect(bandFor(STANDARD_BANDS, 85).grade).toBe('满意');
    expect(bandFor(STANDARD_BANDS, 84.99).grade).toBe('比较满意');
    expect(bandFor(STANDARD_BANDS, 75).grade).toBe('比较满意');
    expect(bandFor(STANDARD_BANDS, 60).grade).toBe('基本满意');
    expect(bandFor(STANDARD_BANDS, 59.99).grade).toBe('不满意');
    expect(bandFor(STANDARD_BANDS, -5).grade).toBe('不满意');
  });

  it('grades unranked and unscored units by band only', () => {
    const candidates: GradingCandidate[] = [
      { id: 'a', score: 90, rank: null, vetoed: false },
      { id: 'b', score: null, rank: null, vetoed: false },
    ];
    expect(grades(candidates, { bands: STANDARD_BANDS, quotas: [{ grade: '满意', maxShare: 0 }] })).toEqual({
      a: '满意',
      b: null,
    });
  });
});

describe('grade quotas', () => {
  const tenUnits = ranked([
    ['a', 95],
    ['b', 93],
    ['c', 91],
    ['d', 88],
    ['e', 80],
    ['f', 78],
    ['g', 70],
    ['h', 65],
    ['i', 55],
    ['j', 50],
  ]);

  it('caps the top grade at its share and moves the rest down one band', () => {
    // 20% of 10 = 2 may hold 满意; c and d (also ≥ 85) become 比较满意
    const decisions = gradeCategory(tenUnits, { bands: STANDARD_BANDS, quotas: [{ grade: '满意', maxShare: 0.2 }] });
    expect(['a', 'b', 'c', 'd'].map((id) => decisions.get(id)!.grade)).toEqual([
      { grade: '满意', basis: 'band', bandGrade: '满意' },
      { grade: '满意', basis: 'band', bandGrade: '满意' },
      { grade: '比较满意', basis: 'quota', bandGrade: '满意' },
      { grade: '比较满意', basis: 'quota', bandGrade: '满意' },
    ]);
    expect(decisions.get('c')!.flags).toEqual([{ code: 'demotedByQuota', from: '满意', to: '比较满意' }]);
  });

  it('lets units pushed down compete under the next quota', () => {
    // 满意 ≤ 20% → a, b; 比较满意 ≤ 30% = 3 of c, d, e, f (all ≥ 75) → c, d, e; f falls to 基本满意
    const result = grades(tenUnits, {
      bands: STANDARD_BANDS,
      quotas: [
        { grade: '满意', maxShare: 0.2 },
        { grade: '比较满意', maxShare: 0.3 },
      ],
    });
    expect(Object.values(result)).toEqual([
      '满意',
      '满意',
      '比较满意',
      '比较满意',
      '比较满意',
      '基本满意',
      '基本满意',
      '基本满意',
      '不满意',
      '不满意',
    ]);
  });

  const tiedAtBoundary = ranked([
    ['a', 95],
    ['b', 90],
    ['c', 90],
    ['d', 88],
    ['e', 70],
  ]);
  // 40% of 5 = 2 places; a takes one, b and c tie for the second

  it('leaves a tied group straddling the cap out by default, so the cap holds', () => {
    const decisions = gradeCategory(tiedAtBoundary, {
      bands: STANDARD_BANDS,
      quotas: [{ grade: '满意', maxShare: 0.4 }],
    });
    expect(['a', 'b', 'c'].map((id) => decisions.get(id)!.grade!.grade)).toEqual(['满意', '比较满意', '比较满意']);
    expect(decisions.get('b')!.flags[0]).toEqual({
      code: 'quotaBoundaryTie',
      grade: '满意',
      policy: 'exclude',
      tiedUnits: 2,
    });
  });

  it('lets the whole tied group in when boundary ties are included', () => {
    const decisions = gradeCategory(tiedAtBoundary, {
      bands: STANDARD_BANDS,
      quotas: [{ grade: '满意', maxShare: 0.4 }],
      boundaryTies: 'include',
    });
    expect(['a', 'b', 'c', 'd'].map((id) => decisions.get(id)!.grade!.grade)).toEqual([
      '满意',
      '满意',
      '满意',
      '比较满意',
    ]);
  });
});

describe('bottom places and veto', () => {
  const bottom = { grade: '末位', below: 60, count: 1 };

  it('marks the lowest N below the floor as 末位', () => {
    const result = grades(
      ranked([
        ['a', 90],
        ['b', 58],
        ['c', 52],
        ['d', 61],
      ]),
      { bands: STANDARD_BANDS, bottom },
    );
    expect(result).toEqual({ a: '满意', b: '不满意', c: '末位', d: '基本满意' });
  });

  it('marks nobody when everyone clears the floor', () => {
    const result = grades(
      ranked([
        ['a', 90],
        ['b', 62],
      ]),
      { bands: STANDARD_BANDS, bottom },
    );
    expect(Object.values(result)).not.toContain('末位');
  });

  it('does not pick one of two units tied at the bottom by an arbitrary order', () => {
    const candidates = ranked([
      ['a', 90],
      ['b', 50],
      ['c', 50],
    ]);
    expect(Object.values(grades(candidates, { bands: STANDARD_BANDS, bottom }))).not.toContain('末位');
    expect(grades(candidates, { bands: STANDARD_BANDS, bottom, boundaryTies: 'include' })).toEqual({
      a: '满意',
      b: '末位',
      c: '末位',
    });
  });

  it('forces the worst grade on a vetoed unit whatever its score, without using up a quota place', () => {
    const candidates = ranked(
      [
        ['a', 99],
        ['b', 90],
        ['c', 80],
      ],
      ['a'],
    );
    const decisions = gradeCategory(candidates, { bands: STANDARD_BANDS, quotas: [{ grade: '满意', maxShare: 0.34 }] });
    expect(decisions.get('a')!.grade).toEqual({ grade: '不满意', basis: 'veto', bandGrade: '满意' });
    expect(decisions.get('b')!.grade!.grade).toBe('满意');
  });

  it('uses a configured veto grade, even for a unit that could not be scored', () => {
    const candidates: GradingCandidate[] = [{ id: 'a', score: null, rank: null, vetoed: true }];
    expect(grades(candidates, { bands: STANDARD_BANDS, bottom, vetoGrade: '末位' })).toEqual({ a: '末位' });
  });
});
