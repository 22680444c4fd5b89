import { describe, expect, it } from 'vitest';
import { digitManifold } from './digits';

/** Ten unit vectors on an arc: cos(i, j) = cos(theta |i - j|), strictly decreasing in |i - j|. */
function arc(theta: number, d = 3): Float64Array {
  const e = new Float64Array(10 * d);
  for (let i = 0; i < 10; i++) {
    e[i * d] = Math.cos(theta * i);
    e[i * d + 1] = Math.sin(theta * i);
  }
  return e;
}

describe('digitManifold', () => {
  it('digits on an arc: strongly negative |i-j| correlation, adjacent pairs closest', () => {
    const r = digitManifold(arc(0.15), 10, 3, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.correlation!).toBeLessThan(-0.95);
    expect(r.adjacentMean).toBeCloseTo(Math.cos(0.15), 7);
    let non = 0;
    for (let k = 2; k <= 9; k++) non += (10 - k) * Math.cos(0.15 * k);
    expect(r.nonAdjacentMean).toBeCloseTo(non / 36, 7);
    expect(r.gap).toBeCloseTo(r.adjacentMean - r.nonAdjacentMean, 15);
  });

  it('reads the rows named by ids, in digit order', () => {
    const e = arc(0.15);
    // Reverse the rows: ids 9..0 must give the same geometry.
    const rev = new Float64Array(e.length);
    for (let i = 0; i < 10; i++) rev.set(e.subarray(i * 3, i * 3 + 3), (9 - i) * 3);
    const a = digitManifold(e, 10, 3, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const b = digitManifold(rev, 10, 3, [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(b.correlation).toBeCloseTo(a.correlation!, 14);
    expect(Array.from(b.cosines)).toEqual(Array.from(a.cosines));
  });

  it('equal cosines have no correlation (null), and bad ids throw', () => {
    const same = new Float64Array(30).fill(1);
    expect(digitManifold(same, 10, 3, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]).correlation).toBeNull();
    expect(() => digitManifold(same, 10, 3, [0, 1, 10])).toThrow(/outside/);
  });
});
