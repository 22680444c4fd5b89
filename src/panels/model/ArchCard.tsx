/**
 * The architecture card: every ArchitectureCard field, its raw value in data-value. For a Hugging
 * Face model it adds the config's extras (model_type, encoder/decoder blocks, RoPE, gated MLP) and
 * says, as a tooltip and in data-source, which config.json key each value came from.
 */
import type { ArchitectureCard } from '../../model/card';
import type { HfArchitectureCard, SourcedField } from '../../model/hf/config';

type Field = keyof ArchitectureCard;
type HfExtra = 'modelType' | 'architecture' | 'nEncoderLayers' | 'nDecoderLayers' | 'rotaryFraction' | 'ropeTheta' | 'gatedMlp';

const yesNo = (v: unknown) => (v ? 'yes' : 'no');

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
  { field: 'tiedEmbeddings', label: 'tied embeddings', show: yesNo },
  { field: 'positional', label: 'positional' },
  { field: 'nParams', label: 'parameters', show: (v) => Number(v).toLocaleString('en-US') },
  { field: 'vocabSize', label: 'vocab' },
  { field: 'maxSeqLen', label: 'context' },
  { field: 'dMlp', label: 'd_mlp' },
  { field: 'normEps', label: 'norm eps' },
];

/** Extras shown for Hugging Face cards; `when` hides rows that do not apply (no RoPE, decoder-only). */
const HF_ROWS: { field: HfExtra; label: string; show?: (v: unknown) => string; when?: (c: HfArchitectureCard) => boolean }[] = [
  { field: 'modelType', label: 'model_type' },
  { field: 'architecture', label: 'architecture', when: (c) => c.architecture !== null },
  { field: 'nEncoderLayers', label: 'encoder blocks', when: (c) => c.nEncoderLayers > 0 },
  { field: 'nDecoderLayers', label: 'decoder blocks', when: (c) => c.nEncoderLayers > 0 },
  { field: 'rotaryFraction', label: 'rotary share of d_head', show: (v) => `${+(Number(v) * 100).toFixed(2)}%`, when: (c) => c.rotaryFraction !== null },
  { field: 'ropeTheta', label: 'RoPE theta', when: (c) => c.ropeTheta !== null },
  { field: 'gatedMlp', label: 'gated MLP (SwiGLU / GeGLU)', show: yesNo },
];

const isHf = (card: ArchitectureCard): card is HfArchitectureCard => 'modelType' in card && 'sources' in card;

/** Where a value came from, in words: the config key, or the family default. */
function sourceOf(card: ArchitectureCard, field: string): string | undefined {
  if (!isHf(card)) return undefined;
  // Encoder blocks are HF's num_layers, the card's nLayers.
  const src = card.sources[(field === 'nEncoderLayers' ? 'nLayers' : field) as SourcedField];
  if (field === 'modelType') return `${card.configFile}: model_type`;
  if (field === 'architecture') return `${card.configFile}: architectures[0]`;
  if (!src) return undefined;
  return src.startsWith('default') ? `not in ${card.configFile}: ${src}` : `${card.configFile}: ${src}`;
}

export function ArchCard({ card }: { card: ArchitectureCard }) {
  const hf = isHf(card) ? card : null;
  const rows = [
    ...(hf ? HF_ROWS.filter((r) => !r.when || r.when(hf)).map((r) => ({ ...r, value: hf[r.field] as unknown })) : []),
    ...ROWS.map((r) => ({ ...r, value: card[r.field] as unknown, show: r.show as ((v: unknown) => string) | undefined })),
  ];
  return (
    <div className="arch-card" data-testid="arch-card">
      <h3>Architecture</h3>
      {hf && <p className="muted small arch-note">Read from {hf.configFile}; hover a value for the key it came from.</p>}
      <dl>
        {rows.map(({ field, label, show, value }) => {
          const src = sourceOf(card, field);
          return (
            <div className="arch-row" key={field}>
              <dt>{label}</dt>
              <dd data-testid={`card-${field}`} data-value={String(value)} data-source={src ?? ''} title={src} className={src ? 'sourced' : undefined}>
                {show ? show(value) : String(value)}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
