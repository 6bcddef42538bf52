import { describe, expect, it } from 'vitest';
import { computeResults } from '../../scoring/results.ts';
import { resolveWeights } from '../../scoring/weights.ts';
import { createResultSettings, createTestTally, unitsIn, vote, votes } from './scoring-factories.ts';

const configured = { superior: 0.25, peer: 0.25, recipient: 0.5 };
const minimums = { superior: 3, peer: 3, recipient: 5 };

describe('weight redistribution', () => {
  it('keeps the configured weights when every type has enough ballots', () => {
    expect(resolveWeights(configured, { superior: 3, peer: 4, recipient: 50 }, minimums)).toEqual({
      used: configured,
      dropped: [],
    });
  });

  it('spreads a missing type over the others in proportion and says so', () => {
    const { used, dropped } = resolveWeights(configured, { superior: 3, peer: 0, recipient: 50 }, minimums);
    // 0.25 ÷ 0.75 = 1/3 and 0.5 ÷ 0.75 = 2/3: superior and recipient keep their 1 : 2 ratio
    expect(used.superior).toBeCloseTo(1 / 3, 15);
    expect(used.recipient).toBeCloseTo(2 / 3, 15);
    expect(used.peer).toBe(0);
    expect(dropped).toEqual([{ raterType: 'peer', reason: 'missing', ballots: 0, minimum: 3, weight: 0.25 }]);
  });

  it('drops a type below its minimum even when it has some ballots', () => {
    const { used, dropped } = resolveWeights(configured, { superior: 3, peer: 3, recipient: 4 }, minimums);
    expect(used).toEqual({ superior: 0.5, peer: 0.5, recipient: 0 });
    expect(dropped).toEqual([{ raterType: 'recipient', reason: 'belowMinimum', ballots: 4, minimum: 5, weight: 0.5 }]);
  });

  it('uses no weight at all when nothing can be used', () => {
    const { used } = resolveWeights(configured, { superior: 0, peer: 1, recipient: 4 }, minimums);
    expect(used).toEqual({ superior: 0, peer: 0, recipient: 0 });
  });
});

describe('composite score', () => {
  it('is the weighted sum of the rater-type scores, term by term', () => {
    const tally = createTestTally({ unitIds: ['a'] }, [
      ...votes('superior', 'a', 80, 2),
      vote('peer', 'a', 60),
      vote('peer', 'a', 100),
      ...votes('recipient', 'a', 100, 3),
      vote('recipient', 'a', 70),
    ]);
    const unit = computeResults(tally, unitsIn('gov', ['a']), createResultSettings()).units[0]!;
    // superior 80, peer (60 + 100) ÷ 2 = 80, recipient (300 + 70) ÷ 4 = 92.5
    // 0.25 × 80 + 0.25 × 80 + 0.5 × 92.5 = 20 + 20 + 46.25 = 86.25
    expect(unit.composite.score).toBe(86.25);
    expect(unit.composite.terms.map((term) => [term.raterType, term.weight, term.contribution])).toEqual([
      ['superior', 0.25, 20],
      ['peer', 0.25, 20],
      ['recipient', 0.5, 46.25],
    ]);
    expect(unit.flags).toEqual([]);
  });

  it('uses a category override and reports the weights it used', () => {
    const tally = createTestTally({ unitIds: ['a'] }, [vote('superior', 'a', 100), vote('recipient', 'a', 30)]);
    const settings = createResultSettings({
      categories: [{ id: 'window', ranked: true, weights: { superior: 0.3, peer: 0.3, recipient: 0.4 } }],
    });
    const unit = computeResults(tally, unitsIn('window', ['a']), settings).units[0]!;
    // no peers: 0.3 and 0.4 rescale to 3/7 and 4/7; 3/7 × 100 + 4/7 × 30 = 420 ÷ 7 = 60
    expect(unit.weights.configured).toEqual({ superior: 0.3, peer: 0.3, recipient: 0.4 });
    expect(unit.weights.used.superior).toBeCloseTo(3 / 7, 15);
    expect(unit.composite.score).toBe(60);
    expect(unit.flags).toEqual([{ code: 'raterTypeMissing', raterType: 'peer', weightRedistributed: 0.3 }]);
  });

  it('combines group uncertainties into the composite interval', () => {
    const tally = createTestTally({ unitIds: ['a'] }, [
      ...[100, 80, 60].map((points) => vote('superior', 'a', points)),
      ...[100, 70, 100, 70].map((points) => vote('recipient', 'a', points)),
    ]);
    const settings = createResultSettings({ weights: { superior: 0.5, peer: 0, recipient: 0.5 } });
    const composite = computeResults(tally, unitsIn('gov', ['a']), settings).units[0]!.composite;
    // SE² = 0.5² × (20² ÷ 3) + 0.5² × (√300² ÷ 4): superior SD 20 over 3, recipient SD √300 over 4
    expect(composite.standardError).toBeCloseTo(Math.sqrt(0.25 * (400 / 3) + 0.25 * (300 / 4)), 12);
    expect(composite.ci!.low).toBeLessThan(composite.unrounded!);
  });

  it('refuses weights that do not sum to 1 rather than normalising a typo', () => {
    const tally = createTestTally();
    const settings = createResultSettings({ weights: { superior: 0.5, peer: 0.3, recipient: 0.3 } });
    expect(() => computeResults(tally, unitsIn('gov', ['a']), settings)).toThrow(/must sum to 1/);
  });
});
