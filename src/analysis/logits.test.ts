import { describe, it, expect } from 'vitest';
import { softmax, entropyNats, topK, argmax } from './logits';
import { sampleToken, seededRandom } from './sampling';

describe('next-token distribution', () => {
  it('uniform logits have entropy ln V nats', () => {
    const p = softmax(new Float32Array(512).fill(3.5));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(entropyNats(p)).toBeCloseTo(Math.log(512), 10);
  });

  it('a one-hot distribution has zero entropy; softmax survives large logits', () => {
    const p = softmax([1000, 0, -1000]);
    expect(p[0]).toBeCloseTo(1, 12);
    expect(entropyNats(p)).toBeCloseTo(0, 10);
  });

  it('top-k is sorted and breaks ties by id; argmax takes the first maximum', () => {
    expect(topK([0.1, 0.4, 0.4, 0.1], 3)).toEqual([
      { id: 1, prob: 0.4 },
      { id: 2, prob: 0.4 },
      { id: 0, prob: 0.1 },
    ]);
    expect(argmax([1, 5, 5, 2])).toBe(1);
  });

  it('seeded sampling is deterministic and follows the distribution', () => {
    const logits = [Math.log(0.7), Math.log(0.2), Math.log(0.1)];
    const draw = (seed: number) => {
      const r = seededRandom(seed);
      return Array.from({ length: 20000 }, () => sampleToken(logits, 1, r));
    };
    expect(draw(3)).toEqual(draw(3));
    const counts = [0, 0, 0];
    for (const i of draw(5)) counts[i]++;
    expect(counts[0] / 20000).toBeCloseTo(0.7, 1);
    expect(counts[2] / 20000).toBeCloseTo(0.1, 1);
    // top-p 0.75 keeps only the two most likely ids
    const r = seededRandom(1);
    const nucleus = new Set(Array.from({ length: 2000 }, () => sampleToken(logits, 1, r, 0.75)));
    expect([...nucleus].sort()).toEqual([0, 1]);
  });
});
