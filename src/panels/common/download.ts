/** Files the browser downloads: one a[download] mechanism for JSON, text, bytes and data URLs (rendered figures). */

/** Click a temporary a[download] pointing at `href`. */
export function downloadUrl(filename: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Save a Blob; its object URL is revoked once the download has started. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  downloadUrl(filename, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Save a JSON value (pretty-printed). */
export function downloadJson(filename: string, value: unknown): void {
  downloadBlob(filename, new Blob([JSON.stringify(value, null, 2) + '\n'], { type: 'application/json' }));
}

/** Save text (CSV, JSON already serialised). */
export function downloadText(filename: string, text: string, type = 'text/plain'): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/** Save bytes (PNG, PDF, zip). */
export function downloadBytes(filename: string, bytes: Uint8Array, mime: string): void {
  downloadBlob(filename, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
}

/** Save a data URL (a figure Plotly rendered). */
export function downloadDataUrl(filename: string, dataUrl: string): void {
  downloadUrl(filename, dataUrl);
}
