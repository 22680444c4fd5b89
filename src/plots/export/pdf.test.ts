import { describe, expect, it } from 'vitest';
import { exportSize } from './sizes';
import { readPdfPages, writePdf } from './pdf';

describe('writePdf', () => {
  it('writes exactly one page of the chosen size in points, for both presets and both orientations', async () => {
    for (const preset of ['single', 'double'] as const) {
      for (const aspect of [0.6, 0.8, 1.1]) {
        const size = exportSize(preset, aspect);
        const bytes = await writePdf(size, { title: 't', subject: 's' }, async (doc) => {
          doc.setLineWidth(1);
          doc.rect(10, 10, size.widthPt - 20, size.heightPt - 20);
          doc.text('-0.5', 20, 30);
        });
        expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
        const pages = readPdfPages(bytes);
        expect(pages).toHaveLength(1);
        const [x0, y0, x1, y1] = pages[0].mediaBox;
        expect([x0, y0]).toEqual([0, 0]);
        expect(x1).toBeCloseTo(size.widthPt, 2);
        expect(y1).toBeCloseTo(size.heightPt, 2);
        expect(x1).toBe(preset === 'single' ? 252 : 504);
      }
    }
  });

  it('records the title', async () => {
    const bytes = await writePdf(exportSize('single', 0.7), { title: 'residual-norms', subject: 'caption' }, async () => undefined);
    expect(new TextDecoder('latin1').decode(bytes)).toContain('/Title (residual-norms)');
  });
});

describe('readPdfPages', () => {
  it('counts /Page objects, not the /Pages tree', () => {
    const pdf = new TextEncoder().encode(
      '%PDF-1.3\n1 0 obj\n<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>\nendobj\n' +
        '2 0 obj\n<< /Type /Page /MediaBox [0 0 252 189] >>\nendobj\n3 0 obj\n<</Type/Page/MediaBox[0 0 504.5 300]>>\nendobj\n',
    );
    expect(readPdfPages(pdf).map((p) => p.mediaBox)).toEqual([[0, 0, 252, 189], [0, 0, 504.5, 300]]);
  });
});
