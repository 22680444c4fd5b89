import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { DEFAULT_EXPORT } from './options';
import { exportSize } from './sizes';
import { FIGURES_ZIP_FORMAT, figuresZip, uniqueStems, type FiguresManifest, type ZipFigure } from './zip';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('figuresZip', () => {
  it('holds manifest.json plus one file per figure and format, each listed with caption and size', async () => {
    const size = exportSize('single', 0.75);
    const figs: ZipFigure[] = [
      { id: 'plot-norms', stem: 'residual-norms', caption: 'norms caption', size, files: [{ format: 'svg', bytes: bytes('<svg/>') }, { format: 'png', bytes: bytes('png') }] },
      { id: 'plot-heatmap', stem: 'block-gain-heatmap', caption: 'heat caption', size, files: [{ format: 'svg', bytes: bytes('<svg>h</svg>') }, { format: 'png', bytes: bytes('png2') }] },
    ];
    const created = new Date('2026-01-02T03:04:05Z');
    const zip = await JSZip.loadAsync(await figuresZip(figs, DEFAULT_EXPORT, '0.1.0', created));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(['block-gain-heatmap.png', 'block-gain-heatmap.svg', 'manifest.json', 'residual-norms.png', 'residual-norms.svg']);
    const m = JSON.parse(await zip.file('manifest.json')!.async('string')) as FiguresManifest;
    expect(m.format).toBe(FIGURES_ZIP_FORMAT);
    expect(m.created).toBe('2026-01-02T03:04:05.000Z');
    expect(m.options).toEqual(DEFAULT_EXPORT);
    expect(m.files).toHaveLength(4);
    for (const f of m.files) {
      expect(zip.file(f.file)).not.toBeNull();
      expect(f.size.widthIn).toBe(3.5);
      expect(f.size.pixelWidth === undefined).toBe(f.format !== 'png');
    }
    expect(m.files[1]).toMatchObject({ file: 'residual-norms.png', figure: 'plot-norms', caption: 'norms caption', size: { pixelWidth: 1050, dpi: 300 } });
    expect(await zip.file('block-gain-heatmap.svg')!.async('string')).toBe('<svg>h</svg>');
  });
});

describe('uniqueStems', () => {
  it('keeps file names distinct and safe', () => {
    expect(uniqueStems(['a', 'a', 'b', 'a', 'x/y z', ''])).toEqual(['a', 'a-2', 'b', 'a-3', 'x_y_z', 'figure']);
  });
});
