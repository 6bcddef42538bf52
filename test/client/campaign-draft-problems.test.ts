import { describe, expect, it } from 'vitest';
import type { ResultSettings } from '../../scoring/settings.ts';
import {
  basicsProblems,
  refusalProblems,
  scoringProblems,
  TOP_QUOTA_FIELD,
  type DraftProblem,
} from '../../client/src/console/wizard/draft-problems.ts';
import { problemText } from '../../client/src/console/wizard/problem-text.ts';
import { formatNumber } from '../../client/src/shared/problem-text.ts';
import {
  resultSettingsAfterSave,
  scoringPatch,
  type ScoringDraft,
} from '../../client/src/console/wizard/scoring-draft.ts';
import { DEFAULT_BANDS } from '../../client/src/console/wizard/scoring-draft.ts';
import { settingsProblems } from '../../server/campaigns/settings-patch.ts';

// The console's campaign settings page checks a draft with the scoring module's own rules before saving,
// and places the server's refusals at their fields (client/src/console/wizard/draft-problems.ts).

const ALL = ['superior', 'peer', 'recipient'] as const;
const MIN_COUNTS = { superior: 3, peer: 3, recipient: 5 };

const draftWith = (overrides: Partial<ScoringDraft> = {}): ScoringDraft => ({
  weights: { superior: 30, peer: 20, recipient: 50 },
  bands: DEFAULT_BANDS,
  topQuotaPercent: 0,
  ...overrides,
});
const settingsOf = (draft: ScoringDraft, stored = null) => resultSettingsAfterSave(draft, stored, ALL, MIN_COUNTS);
const problemsOf = (draft: ScoringDraft) => scoringProblems(settingsOf(draft), ALL);

describe('scoring problems before saving', () => {
  it('accepts the defaults and weights that add up to 1 within floating-point error', () => {
    expect(problemsOf(draftWith())).toEqual([]);
    // 0.1 + 0.2 + 0.7 and 0.5 + 0.2 + 0.3 are not exactly 1 in floating point; the module allows for it.
    expect(problemsOf(draftWith({ weights: { superior: 10, peer: 20, recipient: 70 } }))).toEqual([]);
    expect(problemsOf(draftWith({ weights: { superior: 33.3, peer: 33.3, recipient: 33.4 } }))).toEqual([]);
  });

  it('puts weights that add up to 0.9 on the weights, with their sum', () => {
    const problems = problemsOf(draftWith({ weights: { superior: 30, peer: 20, recipient: 40 } }));
    expect(problems).toEqual([{ field: 'settings.scoring.weights', code: 'weights_sum', total: expect.any(Number) }]);
    expect(problemText('zh', problems[0]!)).toBe('权重之和须为 100%，现在是 90%。');
    expect(problemText('en', problems[0]!)).toBe('The weights must add up to 100%; they now add up to 90%.');
  });

  it('puts a negative weight and a zero weight on a rater type taking part on that weight', () => {
    expect(problemsOf(draftWith({ weights: { superior: -10, peer: 60, recipient: 50 } }))).toEqual([
      { field: 'settings.scoring.weights.superior', code: 'too_small', minimum: 0 },
    ]);
    expect(problemsOf(draftWith({ weights: { superior: 50, peer: 0, recipient: 50 } }))).toEqual([
      { field: 'settings.scoring.weights.peer', code: 'weight_unused' },
    ]);
    // A rater type that takes no part weighs 0 and is not a problem.
    const twoTypes = resultSettingsAfterSave(
      draftWith({ weights: { superior: 50, recipient: 50 } }),
      null,
      ['superior', 'recipient'],
      MIN_COUNTS,
    );
    expect(scoringProblems(twoTypes, ['superior', 'recipient'])).toEqual([]);
  });

  it('names every band to fix: a score not below the one above, a repeated or missing name', () => {
    const bands = [
      { grade: '满意', minScore: 85 },
      { grade: '比较满意', minScore: 90 },
      { grade: '满意', minScore: 60 },
      { grade: '', minScore: 50 },
      { grade: '不满意', minScore: 0 },
    ];
    const problems = problemsOf(draftWith({ bands }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'settings.scoring.grading.bands.3.grade', code: 'required' },
        { field: 'settings.scoring.grading.bands.1.minScore', code: 'band_not_lower', above: 85 },
        { field: 'settings.scoring.grading.bands.2.grade', code: 'grade_repeated' },
      ]),
    );
    expect(problems).toHaveLength(3);
    const notLower = problems.find((p) => p.code === 'band_not_lower')!;
    expect(problemText('zh', notLower)).toBe('分数线须低于上一等次的 85 分。');
  });

  it('reports the last band, which has no score field, on the band above it', () => {
    const bands = [
      { grade: '好', minScore: 60 },
      { grade: '差', minScore: 0 },
    ];
    expect(problemsOf(draftWith({ bands: [bands[0]!, { ...bands[1]!, minScore: 70 }] }))).toEqual([
      { field: 'settings.scoring.grading.bands.0.minScore', code: 'band_not_higher', below: 70 },
    ]);
  });

  it('puts a quota that cannot apply, or is over 100%, on the quota field', () => {
    expect(problemsOf(draftWith({ bands: [{ grade: '合格', minScore: 0 }], topQuotaPercent: 30 }))).toEqual([
      { field: TOP_QUOTA_FIELD, code: 'quota_needs_lower_band' },
    ]);
    const over = problemsOf(draftWith({ topQuotaPercent: 120 }));
    expect(over).toEqual([{ field: TOP_QUOTA_FIELD, code: 'too_big', maximum: 1 }]);
    expect(problemText('zh', over[0]!)).toBe('不能大于 100%。');
  });

  it('puts an anonymity minimum below 1 on the rater type (it is scoring’s minimum ballots)', () => {
    const settings = resultSettingsAfterSave(draftWith(), null, ALL, { ...MIN_COUNTS, peer: 0 });
    expect(scoringProblems(settings, ALL)).toEqual([
      { field: 'raterTypes.peer.minCount', code: 'too_small', minimum: 1 },
    ]);
  });

  it('checks the stored settings the page keeps: a veto grade that is no longer a band', () => {
    const stored = {
      weights: { superior: 0.3, peer: 0.2, recipient: 0.5 },
      grading: { bands: DEFAULT_BANDS, vetoGrade: '不满意' },
    };
    const renamed = DEFAULT_BANDS.map((band, i) => (i === 3 ? { ...band, grade: '较差' } : band));
    const settings: ResultSettings = resultSettingsAfterSave(draftWith({ bands: renamed }), stored, ALL, MIN_COUNTS);
    expect(scoringProblems(settings, ALL)).toEqual([{ field: 'settings.scoring.grading', code: 'invalid' }]);
  });
});

describe('what the page sends', () => {
  it('patches only what it edits, removing the quota with null and keeping quotas on other grades', () => {
    const stored = {
      weights: { superior: 0.3, peer: 0.2, recipient: 0.5 },
      precision: 1,
      grading: {
        bands: DEFAULT_BANDS,
        quotas: [
          { grade: '满意', maxShare: 0.3 },
          { grade: '比较满意', maxShare: 0.5 },
        ],
      },
    };
    expect(scoringPatch(draftWith({ topQuotaPercent: 0 }), stored, ['superior', 'recipient'])).toEqual({
      weights: { superior: 0.3, peer: 0, recipient: 0.5 },
      grading: { bands: DEFAULT_BANDS, quotas: [{ grade: '比较满意', maxShare: 0.5 }] },
    });
    expect(scoringPatch(draftWith({ topQuotaPercent: 0 }), null, ALL).grading.quotas).toBeNull();
    expect(scoringPatch(draftWith({ topQuotaPercent: 20 }), null, ALL).grading.quotas).toEqual([
      { grade: '满意', maxShare: 0.2 },
    ]);
  });
});

describe('basics', () => {
  const basics = {
    name: '2026年度评议',
    nameEn: '2026 evaluation',
    slug: 'qingxi-2026',
    startsAt: '2026-12-01T08:00',
    endsAt: '2026-12-31T08:00',
  };
  it('accepts a complete draft and names a blank name, a bad link name and a window that ends first', () => {
    expect(basicsProblems(basics)).toEqual([]);
    expect(
      basicsProblems({ ...basics, name: '  ', slug: 'Qingxi 2026', endsAt: '2026-11-30T08:00' }).map((p) => [
        p.field,
        p.code,
      ]),
    ).toEqual([
      ['name', 'required'],
      ['slug', 'slug_format'],
      ['endsAt', 'window_order'],
    ]);
    expect(basicsProblems({ ...basics, startsAt: '' })).toEqual([{ field: 'startsAt', code: 'required' }]);
  });
});

describe("the server's refusals, placed at their fields", () => {
  it('takes the path and code of each settings problem the server lists', () => {
    const problems = settingsProblems({
      scoring: { grading: { bands: [] } },
      access: { openRating: { perAddress: { max: 0 } } },
    });
    const placed = refusalProblems('invalid_settings', problems);
    expect(placed).toEqual([
      { field: 'settings.scoring.weights', code: 'required' },
      { field: 'settings.scoring.grading.bands', code: 'too_small', minimum: 1 },
      { field: 'settings.access.openRating.perAddress.max', code: 'too_small', minimum: 1 },
    ]);
    expect(problemText('zh', placed[2]!)).toBe('不能小于 1。');
  });

  it('places a taken link name and a window that ends first by their codes', () => {
    expect(refusalProblems('slug_taken')).toEqual([{ field: 'slug', code: 'slug_taken' }]);
    expect(refusalProblems('invalid_window')).toEqual([{ field: 'endsAt', code: 'window_order' }]);
    expect(refusalProblems('campaign_frozen')).toEqual([]);
  });
});

describe('messages', () => {
  it('shows numbers without floating-point noise', () => {
    expect(formatNumber(0.9000000000000001)).toBe('0.9');
    expect(formatNumber(0.9000000000000001 * 100)).toBe('90');
    expect(formatNumber(99.9999)).toBe('99.9999');
    expect(formatNumber(85)).toBe('85');
  });

  it('has a message for every problem, without English in Chinese or Chinese in English', () => {
    const samples: DraftProblem[] = [
      { field: 'name', code: 'required' },
      { field: 'settings.scoring.grading.bands.0.grade', code: 'required' },
      { field: 'raterTypes.peer.minCount', code: 'whole_number' },
      { field: 'settings.scoring.weights.peer', code: 'weight_unused' },
      { field: 'settings.scoring.grading.bands.1.grade', code: 'grade_repeated' },
      { field: TOP_QUOTA_FIELD, code: 'quota_needs_lower_band' },
      { field: 'slug', code: 'slug_format' },
      { field: 'slug', code: 'slug_taken' },
      { field: 'endsAt', code: 'window_order' },
      { field: 'settings.quality.x', code: 'unknown_setting' },
      { field: 'settings.scoring.grading', code: 'invalid' },
      { field: 'settings.scoring.grading.quotas', code: 'invalid' },
      { field: 'settings.access', code: 'invalid' },
      { field: 'settings.scoring.weights.peer', code: 'too_small', minimum: 0 },
      { field: 'raterTypes.peer.minCount', code: 'too_small', minimum: 1 },
      { field: TOP_QUOTA_FIELD, code: 'too_big', maximum: 1 },
      { field: 'settings.scoring.weights', code: 'weights_sum', total: 0.9000000000000001 },
      { field: 'settings.scoring.grading.bands.1.minScore', code: 'band_not_lower', above: 85 },
      { field: 'settings.scoring.grading.bands.2.minScore', code: 'band_not_higher', below: 0 },
    ];
    for (const problem of samples) {
      const zh = problemText('zh', problem);
      const en = problemText('en', problem);
      expect(zh).not.toBe(en);
      // The link name's example (qingxi-2026) is a value to type, not English.
      expect(zh.replace('qingxi-2026', '')).not.toMatch(/[A-Za-z]/);
      expect(en).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
    }
  });
});
