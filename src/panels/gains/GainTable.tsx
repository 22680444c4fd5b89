/** One row per gain definition (label, value, formula, what it means); values at the last token. */
import type { Measurement } from '../../runtime/results';
import { GAIN_DEFINITIONS, TOTAL_AMPLIFICATION as TOTAL } from '../../analysis/definitions';
import { sig5 } from '../../plots/format';
import { idsText } from '../../state/token-ids';

interface Row {
  testId: string;
  label: string;
  value: number | null;
  formula: string;
  meaning: string;
}

export function GainTable({ m }: { m: Measurement }) {
  const g = m.lastToken;
  const last = m.nLayers - 1;
  const d = GAIN_DEFINITIONS;
  const rows: Row[] = [
    { testId: 'gain-G_hf_last', label: d.G_hf_last.label, value: g.G_hf_last, formula: d.G_hf_last.formula, meaning: `${d.G_hf_last.meaning} (${d.G_hf_last.source})` },
    { testId: 'gain-G_hf_penult', label: d.G_hf_penult.label, value: g.G_hf_penult, formula: d.G_hf_penult.formula, meaning: `${d.G_hf_penult.meaning} (${d.G_hf_penult.source})` },
    {
      testId: 'gain-G_block_last',
      label: `G_block(${last})`,
      value: g.G_block[last],
      formula: d.G_block.formula.replaceAll('(i)', `(${last})`),
      meaning: `${d.G_block.meaning} (${d.G_block.source})`,
    },
    { testId: 'gain-total', label: 'total amplification', value: g.total, formula: TOTAL.formula.replace('L-1', String(last)), meaning: TOTAL.meaning },
  ];
  return (
    <table className="gain-table" data-testid="gain-table">
      <thead>
        <tr>
          <th scope="col">definition</th>
          <th scope="col" className="num">value</th>
          <th scope="col">formula</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.testId}>
            <th scope="row">
              <code>{r.label}</code>
            </th>
            <td className="num" data-testid={r.testId} data-prompt={m.prompt ?? idsText(m.ids)} data-ids={idsText(m.ids)} data-value={r.value === null ? '' : String(r.value)} title={r.value === null ? 'needs L >= 2' : String(r.value)}>
              {r.value === null ? 'n/a (L < 2)' : sig5(r.value)}
            </td>
            <td>
              <code className="formula">{r.formula}</code>
              <div className="muted small">{r.meaning}</div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
