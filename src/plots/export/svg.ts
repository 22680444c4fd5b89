/**
 * Post-processing of Plotly's SVG into a self-contained file for a paper: physical size in inches
 * (viewBox in CSS px, so Inkscape and LaTeX converters place it at 3.5 in / 7 in), a title and a
 * description (the caption), the XML declaration, and no external references. Text stays text:
 * fonts are named with explicit fallbacks to standard serif faces by the paper theme (no font file
 * can be embedded or outlined with what the lab ships). String-level, so it runs without a DOM.
 */
import type { ExportSize } from './sizes';

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n';
const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** 6 significant digits: enough for a size in inches, no float noise in the file. */
const num = (v: number): string => String(Number(v.toPrecision(6)));

/** Sets (or adds) one attribute on a start tag's text. */
function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(':', '\\:')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  const v = `"${escapeXml(value)}"`;
  return re.test(tag) ? tag.replace(re, `$1${v}`) : tag.replace(/^<svg\b/, `<svg ${name}=${v}`);
}

/** Drops attribute values and CSS that point outside the file (http(s), protocol-relative, file:). */
export function stripExternalRefs(svg: string): string {
  const external = `(?:https?:|file:|//)`;
  return svg
    .replace(new RegExp(`\\s(?:xlink:href|href|src)\\s*=\\s*(["'])\\s*${external}[^"']*\\1`, 'gi'), '')
    .replace(new RegExp(`url\\(\\s*(["']?)\\s*${external}[^)]*\\)`, 'gi'), 'none')
    .replace(/@import[^;]*;/gi, '');
}

export interface SvgMeta {
  /** <title>: the figure's name */
  title: string;
  /** <desc>: the caption, so the file carries its definition and token position */
  desc: string;
}

/** The finished, self-contained SVG text of one figure laid out at `size`. */
export function finishSvg(svg: string, size: ExportSize, meta: SvgMeta): string {
  const start = svg.indexOf('<svg');
  if (start < 0) throw new Error('not an SVG document (no <svg> element)');
  const end = svg.indexOf('>', start);
  let tag = svg.slice(start, end + 1);
  tag = setAttr(tag, 'xmlns', SVG_NS);
  tag = setAttr(tag, 'xmlns:xlink', XLINK_NS);
  tag = setAttr(tag, 'width', `${num(size.widthIn)}in`);
  tag = setAttr(tag, 'height', `${num(size.heightIn)}in`);
  tag = setAttr(tag, 'viewBox', `0 0 ${size.widthPx} ${size.heightPx}`);
  const head = `<title>${escapeXml(meta.title)}</title><desc>${escapeXml(meta.desc)}</desc>`;
  const body = stripExternalRefs(svg.slice(end + 1));
  return XML_DECL + tag + head + body;
}

/** Characters of a figure's text outside WinAnsi (the PDF base fonts) mapped to their closest ASCII. */
const PDF_REPLACE: Record<string, string> = {
  '\u2212': '-', // Plotly's minus sign
  '\u2013': '-',
  '\u2014': '-',
  '\u2016': '||',
  '\u2581': '_', // SentencePiece's word-start mark
  '\u0120': ' ', // GPT-2 byte-level space
  '\u010a': '\\n',
  '\u2248': '~',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u221e': 'inf',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u2032': "'",
};

/** Text the PDF's standard (Times, Courier) fonts can show: Latin-1 kept, known symbols spelled out, the rest as U+XXXX. */
export function pdfSafeText(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (PDF_REPLACE[ch] !== undefined) out += PDF_REPLACE[ch];
    else if (cp <= 0xff) out += ch;
    else out += `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}
