/**
 * Figure export for papers, through the UI in real Chromium: for each figure type of the Model view
 * (norm profile, block gains, token x block heatmap) and one Study figure, SVG / PNG / PDF are
 * downloaded and read back: the SVG parses, is self-contained and holds every data point; the PNG is
 * inches x DPI pixels with a pHYs stating the DPI; the PDF is one page of the preset's size.
 * "Export all figures" gives one zip with a manifest.
 */
import { test, expect } from '@playwright/test';
import JSZip from 'jszip';
import { CKPT, HUB, TOK } from './support/lab-page';
import { FigurePage, readPdf, readPng, type SvgFacts } from './support/figure-page';

const L = 5;
const LLAMA2C = 'hf://karpathy/tinyllamas@main/stories260K/stories260K.bin';

/** The checks every exported SVG must pass whatever the figure: parse, size, self-contained, fonts with fallbacks. */
function checkSvg(f: SvgFacts, widthIn: number, caption: string): number {
  expect(f.parsed).toBe(true);
  expect(f.widthAttr).toBe(`${widthIn}in`);
  expect(f.viewBox.startsWith(`0 0 ${widthIn * 96} `)).toBe(true);
  expect(f.externalRefs).toEqual([]);
  expect(f.textFonts.length).toBeGreaterThan(0);
  for (const font of f.textFonts) expect(font).toMatch(/Times New Roman.*serif$|Courier New.*monospace$/);
  expect(f.desc).toBe(caption);
  const heightIn = parseFloat(f.heightAttr);
  expect(f.heightAttr).toMatch(/in$/);
  // The on-screen aspect within the preset's range (single column 0.75..1.2, double 0.45..1.0).
  const [lo, hi] = widthIn === 3.5 ? [0.75, 1.2] : [0.45, 1.0];
  expect(heightIn / widthIn).toBeGreaterThanOrEqual(lo - 2e-3);
  expect(heightIn / widthIn).toBeLessThanOrEqual(hi + 2e-3);
  return heightIn;
}

test('Model view: norms, block gains and heatmap export as SVG, PNG and PDF; export all as one zip', async ({ page }) => {
  const lab = new FigurePage(page);
  await lab.open();
  await lab.loadLocal([CKPT, TOK], 'wasm');
  await lab.waitLoaded('wasm');
  await lab.measure('Once upon a time there was');
  const S = await lab.plotPoints('plot-heatmap');
  expect(S).toBeGreaterThan(2);

  const figures = [
    { id: 'plot-norms', stem: 'residual-norms', points: L + 2 },
    { id: 'plot-block-gains', stem: 'block-gains', points: L },
    { id: 'plot-heatmap', stem: 'block-gain-heatmap', cells: [L, S] as [number, number] },
  ];
  await lab.setOptions('plot-norms', { preset: 'single', dpi: 300, paper: true });
  await lab.closeMenu('plot-norms');

  const observed: string[] = [];
  for (const fig of figures) {
    const caption = (await page.locator('figure', { has: lab.id(fig.id) }).locator('figcaption').textContent()) ?? '';
    const svg = await lab.exportFigure(fig.id, 'svg');
    expect(svg.name).toBe(`${fig.stem}.svg`);
    const facts = await lab.svgFacts(svg.bytes.toString('utf8'));
    const heightIn = checkSvg(facts, 3.5, caption);
    if (fig.points !== undefined) {
      expect(await lab.totalPoints(fig.id)).toBe(fig.points);
      expect(facts.points, `${fig.id} data points in the SVG`).toBe(fig.points);
    } else {
      expect(facts.heatmapCells, 'heatmap cells (blocks x tokens) in the SVG').toEqual([fig.cells]);
    }

    const png = await lab.exportFigure(fig.id, 'png');
    expect(png.name).toBe(`${fig.stem}.png`);
    const info = readPng(png.bytes);
    expect(info.crcOk).toBe(true);
    expect(info.width).toBe(1050);
    expect(info.height).toBe(Math.round(heightIn * 300));
    expect(info.phys).toEqual({ x: 11811, y: 11811, unit: 1 });
    expect(Math.round(info.phys!.x * 0.0254)).toBe(300);

    const pdf = await lab.exportFigure(fig.id, 'pdf');
    expect(pdf.name).toBe(`${fig.stem}.pdf`);
    const { pages } = readPdf(pdf.bytes);
    expect(pages).toHaveLength(1);
    expect(pages[0].slice(0, 3)).toEqual([0, 0, 252]);
    expect(pages[0][3]).toBeCloseTo(heightIn * 72, 1);
    await lab.closeMenu(fig.id);
    observed.push(`${fig.id}: svg ${facts.widthAttr} x ${facts.heightAttr} (${svg.bytes.length} B), png ${info.width} x ${info.height} @ ${info.phys!.x} px/m (${png.bytes.length} B), pdf ${pages[0].join(' ')} (${pdf.bytes.length} B)`);
  }

  // Double column at another DPI: the pixel width follows (7 in x 150 dpi), the PDF page is 504 pt wide.
  await lab.setOptions('plot-heatmap', { preset: 'double', dpi: 150 });
  const svg7 = await lab.svgFacts((await lab.exportFigure('plot-heatmap', 'svg')).bytes.toString('utf8'));
  const h7 = parseFloat(svg7.heightAttr);
  expect(svg7.widthAttr).toBe('7in');
  expect(svg7.heatmapCells).toEqual([[L, S]]);
  const png7 = readPng((await lab.exportFigure('plot-heatmap', 'png')).bytes);
  expect([png7.width, png7.height]).toEqual([1050, Math.round(h7 * 150)]);
  expect(png7.phys).toEqual({ x: 5906, y: 5906, unit: 1 });
  const pdf7 = readPdf((await lab.exportFigure('plot-heatmap', 'pdf')).bytes);
  expect(pdf7.pages).toHaveLength(1);
  expect(pdf7.pages[0][2]).toBe(504);
  expect(pdf7.pages[0][3]).toBeCloseTo(h7 * 72, 1);
  await lab.setOptions('plot-heatmap', { preset: 'single', dpi: 300 });
  await lab.closeMenu('plot-heatmap');
  observed.push(`plot-heatmap double: svg ${svg7.widthAttr} x ${svg7.heightAttr}, png ${png7.width} x ${png7.height}, pdf ${pdf7.pages[0].join(' ')}`);

  // Export all: 3 figures x 3 formats plus the manifest.
  const all = await lab.exportAll('plots-export-all', ['svg', 'png', 'pdf']);
  expect(all.name).toBe('model-figures.zip');
  const zip = await JSZip.loadAsync(all.bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  expect(names).toHaveLength(10);
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
  expect(manifest.format).toBe('residual-lab/figures@1');
  expect(manifest.files).toHaveLength(9);
  expect(manifest.files.map((f: { figure: string }) => f.figure)).toEqual(figures.flatMap((f) => [f.id, f.id, f.id]));
  for (const f of manifest.files) {
    expect(names).toContain(f.file);
    expect(f.caption.length).toBeGreaterThan(20);
    expect(f.size.widthIn).toBe(3.5);
  }
  const zpng = readPng(Buffer.from(await zip.file('block-gains.png')!.async('uint8array')));
  expect(zpng.width).toBe(1050);
  expect(zpng.phys?.x).toBe(11811);
  const zsvg = await lab.svgFacts(await zip.file('residual-norms.svg')!.async('string'));
  expect(zsvg.points).toBe(L + 2);
  expect(readPdf(Buffer.from(await zip.file('block-gain-heatmap.pdf')!.async('uint8array'))).pages).toHaveLength(1);
  observed.push(`zip: ${names.length} files, ${all.bytes.length} B`);
  console.log(observed.join('\n'));
});

test('Study view: a one-model seed 01 sweep; the distribution figure exports in three formats, all figures as one zip', async ({ page }) => {
  test.setTimeout(180_000);
  const lab = new FigurePage(page);
  await lab.open();
  await lab.id('tab-study').click();
  await lab.id('study-preset').selectOption('preset:seed01-canonical');
  await expect(lab.id('study-prompt-count')).toHaveAttribute('data-value', '3');
  await lab.id('study-source-kind').selectOption('hub');
  await lab.id('study-add-model').click();
  await lab.id('study-hub-base-url').fill(HUB);
  await lab.id('study-ep').selectOption('wasm');
  await lab.id('study-run').click();
  await expect(page.locator(`[data-testid=study-queue-item][data-model="${LLAMA2C}"]`)).toHaveAttribute('data-status', 'done', { timeout: 120_000 });

  const id = 'study-fig-dist';
  expect(await lab.totalPoints(id)).toBe(3);
  const caption = (await page.locator('figure', { has: lab.id(id) }).locator('figcaption').textContent()) ?? '';
  await lab.setOptions(id, { preset: 'double', dpi: 300, paper: true });
  const facts = await lab.svgFacts((await lab.exportFigure(id, 'svg')).bytes.toString('utf8'));
  const heightIn = checkSvg(facts, 7, caption);
  expect(facts.points).toBe(3);
  const png = readPng((await lab.exportFigure(id, 'png')).bytes);
  expect([png.width, png.height]).toEqual([2100, Math.round(heightIn * 300)]);
  expect(png.phys).toEqual({ x: 11811, y: 11811, unit: 1 });
  const pdf = readPdf((await lab.exportFigure(id, 'pdf')).bytes);
  expect(pdf.pages).toHaveLength(1);
  expect(pdf.pages[0][2]).toBe(504);
  expect(pdf.pages[0][3]).toBeCloseTo(heightIn * 72, 1);
  await lab.closeMenu(id);

  const all = await lab.exportAll('study-export-all', ['svg']);
  const zip = await JSZip.loadAsync(all.bytes);
  const figureCount = await page.locator('[data-testid=study-view] [data-export-figure]').count();
  expect(figureCount).toBe(6);
  expect(Object.keys(zip.files)).toHaveLength(figureCount + 1);
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
  expect(manifest.files.map((f: { file: string }) => f.file).sort()).toEqual(Object.keys(zip.files).filter((n) => n !== 'manifest.json').sort());
  console.log(`study ${id}: svg ${facts.widthAttr} x ${facts.heightAttr}, png ${png.width} x ${png.height}, pdf ${pdf.pages[0].join(' ')}; zip ${Object.keys(zip.files).length} files`);
});
