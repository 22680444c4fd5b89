/** The architecture card: every ArchitectureCard field, its raw value in data-value. */
import type { ArchitectureCard } from '../../model/card';

type Field = keyof ArchitectureCard;

const ROWS: { field: Field; label: string; show?: (v: ArchitectureCard[Field]) => string }[] = [
  { field: 'family', label: 'family' },
  { field: 'nLayers', label: 'layers L' },
  { field: 'dModel', label: 'd_model' },
  { field: 'nHeads', label: 'heads' },
  { field: 'nKvHeads', label: 'KV heads' },
  { field: 'dHead', label: 'd_head' },
  { field: 'rho', label: 'rho = n_heads / d_head', show: (v) => `${Number(v).toPrecision(4)} (seed threshold 0.2)` },
  { field: 'normType', label: 'norm' },
  { field: 'residual', label: 'residual layout' },
  { field: 'tiedEmbeddings', label: 'tied embeddings', show: (v) => (v ? 'yes' : 'no') },
  { field: 'positional', label: 'positional' },
  { field: 'nParams', label: 'parameters', show: (v) => Number(v).toLocaleString('en-US') },
  { field: 'vocabSize', label: 'vocab' },
  { field: 'maxSeqLen', label: 'context' },
  { field: 'dMlp', label: 'd_mlp' },
  { field: 'normEps', label: 'norm eps' },
];

export function ArchCard({ card }: { card: ArchitectureCard }) {
  return (
    <div className="arch-card" data-testid="arch-card">
      <h3>Architecture</h3>
      <dl>
        {ROWS.map(({ field, label, show }) => (
          <div className="arch-row" key={field}>
            <dt>{label}</dt>
            <dd data-testid={`card-${field}`} data-value={String(card[field])}>
              {show ? show(card[field]) : String(card[field])}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
