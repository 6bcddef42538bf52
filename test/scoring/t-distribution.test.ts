import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, studentTCdf, studentTQuantile } from '../../scoring/t-distribution.ts';

describe('Student t quantiles', () => {
  // Two-sided 95% critical values from published t tables (6 decimals).
  const table: [number, number][] = [
    [1, 12.706205],
    [2, 4.302653],
    [3, 3.182446],
    [4, 2.776445],
    [5, 2.570582],
    [10, 2.228139],
    [20, 2.085963],
    [30, 2.042272],
    [100, 1.983972],
  ];

  it.each(table)('t(0.975, %i) = %f', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 6);
    expect(studentTQuantile(0.025, df)).toBeCloseTo(-expected, 6);
  });

  it('matches 99% table values and tends to the normal', () => {
    expect(studentTQuantile(0.995, 1)).toBeCloseTo(63.656741, 5);
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032143, 6);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959964, 6);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it('handles fractional degrees of freedom between the integers around them', () => {
    const t = studentTQuantile(0.975, 2.5);
    expect(t).toBeLessThan(studentTQuantile(0.975, 2));
    expect(t).toBeGreaterThan(studentTQuantile(0.975, 3));
  });

  it('inverts the CDF', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        (p, df) => {
          expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 9);
        },
      ),
    );
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('normal distribution', () => {
  it('has the familiar values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 9);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902, 8);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 9);
  });
});
