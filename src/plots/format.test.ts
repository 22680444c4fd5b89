import { describe, expect, it } from 'vitest';
import { bytesLabel, countLabel } from './format';

describe('countLabel', () => {
  it('keeps about three significant digits with a unit', () => {
    expect(countLabel(260_032)).toBe('260K');
    expect(countLabel(14_067_712)).toBe('14.1M');
    expect(countLabel(124_439_808)).toBe('124M');
    expect(countLabel(1_100_048_384)).toBe('1.10B');
    expect(countLabel(512)).toBe('512');
  });

  it('bytes in decimal units', () => {
    expect(bytesLabel(1_056_540)).toBe('1.06 MB');
  });
});
