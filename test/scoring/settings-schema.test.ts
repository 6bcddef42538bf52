import { describe, expect, it } from 'vitest';
import { ballotSchema, resultSettingsSchema, scaleSchema, tallySettingsSchema } from '../../scoring/settings-schema.ts';
import { THREE_LEVEL_SCALE } from '../../scoring/scales.ts';
import { createResultSettings, createTallySettings, STANDARD_BANDS } from './scoring-factories.ts';

describe('settings schemas', () => {
  it('accept what the scoring functions accept', () => {
    const settings = createResultSettings({
      grading: {
        bands: STANDARD_BANDS,
        quotas: [{ grade: '满意', maxShare: 0.2 }],
        bottom: { grade: '末位', below: 60, count: 1 },
      },
      rankRange: { method: 'bootstrap', replicates: 1000, seed: 1 },
    });
    expect(resultSettingsSchema.safeParse(settings).success).toBe(true);
    expect(tallySettingsSchema.safeParse(createTallySettings()).success).toBe(true);
    expect(scaleSchema.safeParse(THREE_LEVEL_SCALE).success).toBe(true);
    expect(
      ballotSchema.safeParse({ raterType: 'recipient', ratings: [{ unitId: 'a', item: 'q', points: null }] }).success,
    ).toBe(true);
  });

  it("reject weights that do not sum to 1 with the scoring module's own message", () => {
    const parsed = resultSettingsSchema.safeParse(
      createResultSettings({ weights: { superior: 0.5, peer: 0.3, recipient: 0.3 } }),
    );
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(/must sum to 1/);
  });

  it('reject bands out of order and scales with rising points', () => {
    const bands = [
      { grade: '不满意', minScore: 0 },
      { grade: '满意', minScore: 85 },
    ];
    expect(resultSettingsSchema.safeParse(createResultSettings({ grading: { bands } })).success).toBe(false);
    const rising = { ...THREE_LEVEL_SCALE, levels: [...THREE_LEVEL_SCALE.levels].reverse() };
    expect(scaleSchema.safeParse(rising).success).toBe(false);
  });
});
