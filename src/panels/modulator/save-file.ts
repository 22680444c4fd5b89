/**
 * Files the Modulator exports besides JSON (common/download.ts saves JSON): CSV text and figure
 * images (Plotly.toImage gives a data URL). Same mechanism: an a[download] click.
 */
function clickDownload(href: string, filename: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Save text (CSV) as a file the browser downloads. */
export function downloadText(filename: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  clickDownload(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Save a data URL (a rendered figure) under `filename`. */
export function downloadDataUrl(filename: string, dataUrl: string): void {
  clickDownload(dataUrl, filename);
}
