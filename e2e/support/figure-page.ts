/**
 * Figure export through the UI (menus, downloads) and independent readers of what comes out:
 * PNG IHDR/pHYs with CRCs checked by node's zlib, PDF pages and MediaBoxes, SVG parsed and its
 * data marks counted in the browser's DOMParser.
 */
import { expect, type Download } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { LabPage } from './lab-page';

export type Format = 'svg' | 'png' | 'pdf';

export interface DownloadedFile {
  name: string;
  bytes: Buffer;
}

export interface PngFacts {
  width: number;
  height: number;
  /** pHYs pixels per metre (x, y) and unit, null without pHYs */
  phys: { x: number; y: number; unit: number } | null;
  crcOk: boolean;
}

export interface SvgFacts {
  parsed: boolean;
  widthAttr: string;
  heightAttr: string;
  viewBox: string;
  /** marks of data points: scatter/box markers and bars inside the plot area */
  points: number;
  /** per heatmap trace: [columns, rows] of cells counted in its embedded image */
  heatmapCells: [number, number][];
  /** URLs in attributes other than the namespace declarations */
  externalRefs: string[];
  textFonts: string[];
  title: string;
  desc: string;
}

export function readPng(b: Buffer): PngFacts {
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let p = 8;
  let crcOk = true;
  let width = -1;
  let height = -1;
  let phys: PngFacts['phys'] = null;
  while (p < b.length) {
    const len = b.readUInt32BE(p);
    const type = b.toString('ascii', p + 4, p + 8);
    crcOk &&= b.readUInt32BE(p + 8 + len) === crc32(b.subarray(p + 4, p + 8 + len));
    if (type === 'IHDR') [width, height] = [b.readUInt32BE(p + 8), b.readUInt32BE(p + 12)];
    if (type === 'pHYs') phys = { x: b.readUInt32BE(p + 8), y: b.readUInt32BE(p + 12), unit: b[p + 16] };
    p += 12 + len;
    if (type === 'IEND') break;
  }
  return { width, height, phys, crcOk };
}

/** Page count and each page's MediaBox [x0 y0 x1 y1] in points. */
export function readPdf(b: Buffer): { pages: number[][] } {
  const text = b.toString('latin1');
  expect(text.startsWith('%PDF-')).toBe(true);
  const pages: number[][] = [];
  for (const m of text.matchAll(/obj\s*<<([\s\S]*?)>>\s*(?:endobj|stream)/g)) {
    if (!/\/Type\s*\/Page(?![s\w])/.test(m[1])) continue;
    const box = /\/MediaBox\s*\[([^\]]*)\]/.exec(m[1]);
    pages.push(box ? box[1].trim().split(/\s+/).map(Number) : []);
  }
  return { pages };
}

export class FigurePage extends LabPage {
  private async save(dl: Download): Promise<DownloadedFile> {
    const f = { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
    // FIG_SAVE=/some/dir keeps a copy of every export for a look by eye.
    if (process.env.FIG_SAVE) writeFileSync(`${process.env.FIG_SAVE}/${Date.now()}-${f.name}`, f.bytes);
    return f;
  }

  async openMenu(testId: string): Promise<void> {
    const menu = this.id(`${testId}-export`);
    if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
    await expect(this.id(`${testId}-export-svg`)).toBeVisible();
  }

  async closeMenu(testId: string): Promise<void> {
    const menu = this.id(`${testId}-export`);
    if ((await menu.getAttribute('open')) !== null) await menu.locator('summary').click();
  }

  /** Size preset, DPI and paper theme through one figure's menu (the choice is shared by all). */
  async setOptions(testId: string, o: { preset?: 'single' | 'double'; dpi?: number; paper?: boolean }): Promise<void> {
    await this.openMenu(testId);
    const p = `${testId}-export`;
    if (o.preset) await this.id(`${p}-size`).selectOption(o.preset);
    if (o.dpi !== undefined) await this.id(`${p}-dpi`).fill(String(o.dpi));
    if (o.paper !== undefined) await this.id(`${p}-paper`).setChecked(o.paper);
  }

  async exportFigure(testId: string, format: Format): Promise<DownloadedFile> {
    await this.openMenu(testId);
    const [dl] = await Promise.all([this.page.waitForEvent('download', { timeout: 60_000 }), this.id(`${testId}-export-${format}`).click()]);
    return this.save(dl);
  }

  async exportAll(testId: string, formats: Format[]): Promise<DownloadedFile> {
    for (const f of ['svg', 'png', 'pdf'] as const) await this.id(`${testId}-${f}`).setChecked(formats.includes(f));
    const [dl] = await Promise.all([this.page.waitForEvent('download', { timeout: 120_000 }), this.id(`${testId}-button`).click()]);
    return this.save(dl);
  }

  /** Parses the SVG in the browser and counts its data marks (heatmap cells from the embedded image's opaque runs). */
  async svgFacts(svg: string): Promise<SvgFacts> {
    return this.page.evaluate(async (text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      const parsed = root.nodeName === 'svg' && doc.getElementsByTagName('parsererror').length === 0;
      const points = doc.querySelectorAll('.cartesianlayer .point').length;
      const mode = (xs: number[]) => {
        const counts = new Map<number, number>();
        xs.filter((x) => x > 0).forEach((x) => counts.set(x, (counts.get(x) ?? 0) + 1));
        return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
      };
      const heatmapCells: [number, number][] = [];
      for (const im of doc.querySelectorAll('.heatmaplayer image')) {
        const href = im.getAttribute('href') ?? im.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? '';
        const img = new Image();
        img.src = href;
        await img.decode();
        const c = document.createElement('canvas');
        [c.width, c.height] = [img.naturalWidth, img.naturalHeight];
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
        const opaque = (x: number, y: number) => data[4 * (y * width + x) + 3] > 128;
        const runs = (n: number, at: (i: number) => boolean) => {
          let r = 0;
          for (let i = 0; i < n; i++) if (at(i) && (i === 0 || !at(i - 1))) r++;
          return r;
        };
        const perRow = Array.from({ length: height }, (_, y) => runs(width, (x) => opaque(x, y)));
        const perCol = Array.from({ length: width }, (_, x) => runs(height, (y) => opaque(x, y)));
        heatmapCells.push([mode(perRow), mode(perCol)]);
      }
      const externalRefs: string[] = [];
      for (const el of doc.querySelectorAll('*')) {
        for (const a of el.attributes) {
          if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
          for (const m of a.value.matchAll(/(?:https?:|file:)\/\/[^\s"')]*/g)) externalRefs.push(`${a.name}=${m[0]}`);
        }
      }
      const textFonts = [...new Set([...doc.querySelectorAll('text')].map((t) => (t as SVGElement).style.fontFamily).filter(Boolean))];
      return {
        parsed,
        widthAttr: root.getAttribute('width') ?? '',
        heightAttr: root.getAttribute('height') ?? '',
        viewBox: root.getAttribute('viewBox') ?? '',
        points,
        heatmapCells,
        externalRefs,
        textFonts,
        title: doc.querySelector('svg > title')?.textContent ?? '',
        desc: doc.querySelector('svg > desc')?.textContent ?? '',
      };
    }, svg);
  }

  /** Total number of y values over a figure's traces as Plotly holds them on screen. */
  async totalPoints(testId: string): Promise<number> {
    await this.plotPoints(testId);
    return this.id(testId).evaluate((el) => ((el as HTMLElement & { data?: { y?: unknown[] }[] }).data ?? []).reduce((n, d) => n + (d.y?.length ?? 0), 0));
  }
}
