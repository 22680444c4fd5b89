/** Table cells of the Study view: full precision in data-value, ~5 digits on screen, reasons instead of NaN. */
import type { ReactNode } from 'react';
import { sig5 } from '../../plots/format';

/** A number cell; null shows `missing` (why there is no value) and carries an empty data-value. */
export function NumCell({ field, value, missing = 'n/a', extra, children }: { field: string; value: number | null; missing?: string; extra?: Record<string, string>; children?: ReactNode }) {
  return (
    <td className="num" data-field={field} data-value={value === null ? '' : String(value)} title={value === null ? missing : String(value)} {...extra}>
      {value === null ? <span className="muted small">{missing}</span> : (children ?? sig5(value))}
    </td>
  );
}

/** A statistic that does not exist for these data: its reason, in words. */
export function Undefined({ reason, field }: { reason: string; field?: string }) {
  return (
    <span className="undefined-stat" data-undefined="true" data-field={field} title={reason}>
      undefined: {reason}
    </span>
  );
}

/** p-values keep their order of magnitude: 3 significant digits, exponent below 1e-3. */
export function pText(p: number): string {
  return p !== 0 && p < 1e-3 ? p.toExponential(2) : p.toPrecision(3);
}
