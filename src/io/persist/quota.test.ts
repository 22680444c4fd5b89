import { describe, it, expect } from 'vitest';
import { checkQuota, NEAR_QUOTA_FRACTION } from './quota';

describe('quota check', () => {
  it('is ok well below the quota, near from 90%, over past it', () => {
    expect(checkQuota({ usage: 10, quota: 1000 }, 10).level).toBe('ok');
    expect(checkQuota({ usage: 880, quota: 1000 }, 10)).toMatchObject({ level: 'ok', after: 890, fraction: 0.89 });
    expect(checkQuota({ usage: 890, quota: 1000 }, 10)).toMatchObject({ level: 'near', fraction: NEAR_QUOTA_FRACTION });
    expect(checkQuota({ usage: 999, quota: 1000 }, 2).level).toBe('over');
    expect(checkQuota({ usage: 950e6, quota: 1e9 }, 0).message).toMatch(/95% full \(950 MB of 1000 MB\)/);
  });

  it('says unknown (never a false alarm) when the browser gives no quota', () => {
    expect(checkQuota(null, 10).level).toBe('unknown');
    expect(checkQuota({ usage: 5 }, 10)).toMatchObject({ level: 'unknown', after: 15, message: '' });
    expect(checkQuota({ usage: 5, quota: 0 }, 10).level).toBe('unknown');
  });

  it('is monotone in the incoming size', () => {
    const order = { ok: 0, near: 1, over: 2, unknown: -1 };
    let last = 0;
    for (let b = 0; b <= 300; b += 10) {
      const l = order[checkQuota({ usage: 800, quota: 1000 }, b).level];
      expect(l).toBeGreaterThanOrEqual(last);
      last = l;
    }
    expect(last).toBe(2);
  });
});
