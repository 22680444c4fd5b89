/**
 * One-page vector PDF of a figure via jsPDF (page in points) and svg2pdf.js (the SVG drawn as PDF
 * paths and text in the base-14 Times/Courier fonts). Both libraries load on first use.
 */
import type { jsPDF } from 'jspdf';
import type { ExportSize } from './sizes';
import { pdfSafeText } from './svg';

export interface PdfMeta {
  title: string;
  subject: string;
}

/** A one-page PDF of `size` (points) drawn by `draw`, as bytes. */
export async function writePdf(size: Pick<ExportSize, 'widthPt' | 'heightPt'>, meta: PdfMeta, draw: (doc: jsPDF) => Promise<unknown>): Promise<Uint8Array> {
  const { jsPDF } = await import('jspdf');
  // jsPDF swaps a custom format to match the orientation: state the one the size has.
  const orientation = size.widthPt > size.heightPt ? 'landscape' : 'portrait';
  const doc = new jsPDF({ unit: 'pt', format: [size.widthPt, size.heightPt], orientation, compress: true });
  doc.setProperties({ title: meta.title, subject: meta.subject, creator: 'Residual Lab' });
  await draw(doc);
  return new Uint8Array(doc.output('arraybuffer'));
}

/** Replaces every text node of an SVG DOM with what the PDF base fonts can show. */
function pdfSafeTree(el: Element): void {
  const walk = (n: Node) => {
    if (n.nodeType === 3 && n.nodeValue) n.nodeValue = pdfSafeText(n.nodeValue);
    n.childNodes.forEach(walk);
  };
  walk(el);
}

/** The PDF of a finished SVG (see finishSvg); browser only (svg2pdf reads a DOM). */
export async function svgToPdf(svg: string, size: ExportSize, meta: PdfMeta): Promise<Uint8Array> {
  const { svg2pdf } = await import('svg2pdf.js');
  const root = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  if (root.nodeName !== 'svg') throw new Error('PDF export: the figure SVG did not parse');
  pdfSafeTree(root);
  return writePdf(size, meta, (doc) => svg2pdf(root, doc, { x: 0, y: 0, width: size.widthPt, height: size.heightPt }));
}

export interface PdfPage {
  /** [x0, y0, x1, y1] in points */
  mediaBox: [number, number, number, number];
}

/** The pages of a PDF whose page objects are not in compressed object streams (as jsPDF writes them). */
export function readPdfPages(pdf: Uint8Array): PdfPage[] {
  const text = new TextDecoder('latin1').decode(pdf);
  const pages: PdfPage[] = [];
  const objRe = /\d+\s+0\s+obj\s*<<([\s\S]*?)>>\s*(?:endobj|stream)/g;
  for (let m = objRe.exec(text); m; m = objRe.exec(text)) {
    if (!/\/Type\s*\/Page(?![s\w])/.test(m[1])) continue;
    const box = /\/MediaBox\s*\[\s*([-\d.\s]+)\]/.exec(m[1]);
    if (!box) throw new Error('PDF page without its own /MediaBox');
    const v = box[1].trim().split(/\s+/).map(Number);
    pages.push({ mediaBox: [v[0], v[1], v[2], v[3]] });
  }
  return pages;
}
