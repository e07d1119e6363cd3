// The companion's charts keep lines that share values apart: a fixed offset per series, markers at one
// point set side by side, and end labels that never overlap.
import { describe, expect, test } from 'vitest';
import { dodgeOf, labelPositions, markerOffsets } from '../../src/web/companion/chart.tsx';

describe('charts with overlapping lines', () => {
  test('a single series is drawn on its values; several are spread evenly around them', () => {
    expect(dodgeOf(0, 1)).toBe(0);
    const two = [dodgeOf(0, 2), dodgeOf(1, 2)];
    expect(two[0]).toBeLessThan(0);
    expect(two[0]! + two[1]!).toBe(0);
    const three = [0, 1, 2].map((i) => dodgeOf(i, 3));
    expect(new Set(three).size).toBe(3);
    expect(three[1]).toBe(0);
  });

  test('markers at the same value and week are set side by side; elsewhere they stay on the point', () => {
    const offsets = markerOffsets([
      { name: 'A', values: [3, 4, null] },
      { name: 'B', values: [3, 2, 5] },
      { name: 'C', values: [3, 4, 5] },
    ]);
    // Week 1: all three share 3: three different places, centred.
    const w1 = offsets.map((o) => o[0]!);
    expect(new Set(w1).size).toBe(3);
    expect(w1.reduce((a, b) => a + b, 0)).toBe(0);
    // Week 2: A and C share 4, B alone.
    expect(offsets[1]![1]).toBe(0);
    expect(offsets[0]![1]).not.toBe(offsets[2]![1]);
    // Week 3: A has none; B and C share 5.
    expect(offsets[1]![2]).not.toBe(offsets[2]![2]);
  });

  test('end labels at the same height are pushed apart, and stay inside the chart', () => {
    const ys = labelPositions([100, 100, 100, null], 10, 300);
    const placed = ys.filter((y): y is number => y !== null).sort((a, b) => a - b);
    expect(ys[3]).toBeNull();
    for (let i = 1; i < placed.length; i++) expect(placed[i]! - placed[i - 1]!).toBeGreaterThanOrEqual(18);
    const low = labelPositions([299, 299, 299], 10, 300).filter((y): y is number => y !== null);
    expect(Math.max(...low)).toBeLessThanOrEqual(300);
  });
});
