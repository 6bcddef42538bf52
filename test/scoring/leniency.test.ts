import { describe, expect, it } from 'vitest';
import { computeResults } from '../../scoring/results.ts';
import { createResultSettings, createTestTally, sweep, unitsIn } from './scoring-factories.ts';

const units = unitsIn('gov', ['a', 'b', 'c']);
const settings = createResultSettings();

function leniency(ballots: Parameters<typeof createTestTally>[1]) {
  const results = computeResults(createTestTally({}, ballots), units, settings);
  return { results, adjusted: results.units.map((unit) => unit.raterGroups.superior.leniencyAdjusted?.score ?? null) };
}

describe('leniency-adjusted view', () => {
  it('standardises each ballot across the units it rated, then rescales', () => {
    const { results, adjusted } = leniency([
      sweep('superior', [
        ['a', 100],
        ['b', 80],
        ['c', 60],
      ]), // mean 80, SD √(800/3); z = +√1.5, 0, −√1.5
      sweep('superior', [
        ['a', 80],
        ['b', 60],
        ['c', 40],
      ]), // harsher, same order: same z
      sweep('superior', [
        ['a', 100],
        ['b', 100],
        ['c', 100],
      ]), // no preference: z = 0 for all
    ]);
    // overall mean = (240 + 180 + 300) ÷ 9 = 80; typical SD = √(800/3) (the flat ballot has none)
    // a: mean z = 2√1.5 ÷ 3, so 80 + √(800/3) × 2√1.5 ÷ 3 = 80 + 20 × 2/3 = 93.33…
    expect(adjusted[0]).toBeCloseTo(80 + 40 / 3, 5);
    expect(adjusted[1]).toBeCloseTo(80, 5);
    expect(adjusted[2]).toBeCloseTo(80 - 40 / 3, 5);
    expect(results.raterTypes.superior.leniency).toMatchObject({ standardisedBallots: 3, unstandardisableBallots: 0 });
    expect(results.raterTypes.superior.leniency!.sd).toBeCloseTo(Math.sqrt(800 / 3), 5);
  });

  it('stops one rater who marks everyone down from moving any unit on their own', () => {
    const fair = [
      sweep('superior', [
        ['a', 100],
        ['b', 80],
        ['c', 60],
      ]),
      sweep('superior', [
        ['a', 100],
        ['b', 80],
        ['c', 60],
      ]),
    ];
    const withHarsh = leniency([
      ...fair,
      sweep('superior', [
        ['a', 40],
        ['b', 40],
        ['c', 40],
      ]),
    ]);
    const without = leniency(fair);
    // raw scores all drop by 20; the gaps between adjusted scores shrink only because the harsh
    // rater is one more voice saying "no difference", and the order is untouched
    expect(withHarsh.results.units[0]!.raterGroups.superior.mean).toBe(80);
    const gap = (view: typeof without) => view.adjusted[0]! - view.adjusted[2]!;
    expect(gap(withHarsh)).toBeCloseTo((gap(without) * 2) / 3, 5);
  });

  it('leaves recipients and single-unit ballots unstandardised', () => {
    const { results } = leniency([sweep('superior', [['a', 100]]), sweep('recipient', [['a', 100]])]);
    expect(results.raterTypes.superior.leniency!.unstandardisableBallots).toBe(1);
    expect(results.units[0]!.raterGroups.superior.leniencyAdjusted).toBeNull();
    expect(results.units[0]!.raterGroups.recipient.leniencyAdjusted).toBeNull();
    expect(results.raterTypes.recipient.leniency).toBeNull();
  });

  it('does not depend on the order of ratings inside a ballot', () => {
    const forward = leniency([
      sweep('peer', [
        ['a', 100],
        ['b', 60],
        ['c', 80],
      ]),
      sweep('peer', [
        ['a', 60],
        ['b', 80],
        ['c', 40],
      ]),
    ]);
    const backward = leniency([
      sweep('peer', [
        ['c', 80],
        ['b', 60],
        ['a', 100],
      ]),
      sweep('peer', [
        ['c', 40],
        ['a', 60],
        ['b', 80],
      ]),
    ]);
    expect(JSON.stringify(backward.results)).toBe(JSON.stringify(forward.results));
  });
});
