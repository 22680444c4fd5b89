import { describe, expect, it } from 'vitest';
import { SIZE_PRESETS, exportSize, ptToPx, validDpi } from './sizes';

describe('exportSize', () => {
  it('single column at 300 dpi is 1050 px wide and 252 pt wide', () => {
    const s = exportSize('single', 0.75);
    expect(s.widthPx).toBe(336);
    expect(s.pixelWidth).toBe(1050);
    expect(s.widthPt).toBe(252);
    expect(s.heightPx).toBe(252);
    expect(s.pixelHeight).toBe(788); // 2.625 in x 300 = 787.5, rounded
    expect(s.heightPt).toBeCloseTo(189, 12);
  });

  it('double column is twice as wide in every unit', () => {
    const a = exportSize('single', 0.7, 600);
    const b = exportSize('double', 0.7, 600);
    expect(b.widthPx).toBe(2 * a.widthPx);
    expect(b.pixelWidth).toBe(2 * a.pixelWidth);
    expect(b.pixelWidth).toBe(4200);
    expect(b.widthPt).toBe(504);
  });

  it('pixels are inches x dpi and the aspect follows the whole-pixel layout height', () => {
    for (const dpi of [72, 96, 150, 300, 301, 600, 1200]) {
      for (const aspect of [0.51, 0.75, 0.9, 0.99]) {
        const s = exportSize('double', aspect, dpi);
        expect(s.pixelWidth).toBe(Math.round(7 * dpi));
        expect(s.pixelHeight).toBe(Math.round(s.heightIn * dpi));
        expect(Number.isInteger(s.heightPx)).toBe(true);
        expect(s.heightIn * 96).toBeCloseTo(s.heightPx, 9);
        expect(s.heightPt / s.widthPt).toBeCloseTo(s.aspect, 12);
        expect(Math.abs(s.aspect - aspect)).toBeLessThanOrEqual(0.5 / s.widthPx);
      }
    }
  });

  it('clamps extreme aspects per preset and rejects bad DPI', () => {
    for (const p of ['single', 'double'] as const) {
      const [lo, hi] = SIZE_PRESETS[p].aspect;
      expect(exportSize(p, 0.2).aspect).toBeCloseTo(lo, 2);
      expect(exportSize(p, 5).aspect).toBeCloseTo(hi, 2);
      expect(exportSize(p, Number.NaN).aspect).toBeCloseTo(lo, 2);
    }
    expect(exportSize('single', 0.3).heightIn).toBeCloseTo(2.625, 12);
    expect(validDpi(300)).toBe(true);
    expect(validDpi(300.5)).toBe(false);
    expect(() => exportSize('single', 0.7, 0)).toThrow(/DPI/);
  });

  it('converts points to CSS pixels', () => {
    expect(ptToPx(72)).toBe(96);
    expect(ptToPx(9)).toBe(12);
  });
});
