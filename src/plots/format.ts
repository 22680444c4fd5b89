/** Display formatting shared by figures and panels (pure; no DOM). */

/** ~5 significant digits; the full-precision number goes in data-value attributes and exports. */
export function sig5(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return v === null || v === undefined ? 'n/a' : String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-4)) return v.toExponential(4);
  return String(Number(v.toPrecision(5)));
}

/** A token piece shown unambiguously: quoted, with leading/trailing spaces visible. */
export function showPiece(piece: string): string {
  return JSON.stringify(piece);
}

/** Plotly reads a pseudo-HTML subset in text (`<s>` would strike through): escape pieces. */
export function plotlyText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `4: " time"`: the label of one token position inside a figure (escaped for Plotly). */
export function tokenLabel(t: number, piece: string): string {
  return plotlyText(`${t}: ${showPiece(piece)}`);
}

export function percent(p: number): string {
  return `${(p * 100).toFixed(p >= 0.1 ? 2 : 3)}%`;
}

export function bytesLabel(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} B`;
}

/** A count in words of thousands: 260_032 -> '260K', 14_067_712 -> '14.1M', 1_100_048_384 -> '1.10B'. */
export function countLabel(n: number): string {
  const [div, unit] = n >= 1e9 ? [1e9, 'B'] : n >= 1e6 ? [1e6, 'M'] : n >= 1e3 ? [1e3, 'K'] : [1, ''];
  const v = n / div;
  return `${v >= 100 || div === 1 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)}${unit}`;
}
