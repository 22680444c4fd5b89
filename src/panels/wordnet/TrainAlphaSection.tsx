/**
 * Seed 05 section 9 in the page: train the lerp modulator's per-layer alpha with the model frozen on
 * WordNet's definition -> lemma task (src/runtime/train-alpha.ts in the model worker). Start / cancel,
 * per-step progress, live figures (alpha per block with the 0.29154 line; train and validation loss per
 * epoch), the final alpha per block, and the trajectory as JSON and tidy CSV.
 *
 * Test ids (the e2e contract): train-alpha-section, train-alpha-{epochs,lr,batch,seed,geo-seed,initial-alpha},
 * train-alpha-run, train-alpha-cancel, train-alpha-status[data-status, data-steps, data-steps-total],
 * train-alpha-error, train-alpha-alpha-figure, train-alpha-loss-figure, train-alpha-table with
 * train-alpha-row[data-block, data-alpha], train-alpha-summary[data-initial-val, data-final-val,
 * data-mean-alpha, data-distance], train-alpha-export-json, train-alpha-export-csv.
 */
import { useMemo } from 'react';
import { useLab } from '../../state/store';
import { selectModel } from '../../state/selectors';
import { useTrainAlpha, type TrainAlphaForm } from '../../state/train-alpha-store';
import { cancelTrainAlpha, editTrainForm, startTrainAlpha } from '../../state/train-alpha-jobs';
import { alphaTrajectoryFigure, lossFigure } from '../../state/train-alpha-figures';
import { trainAlphaCsv, trainAlphaDocument } from '../../state/train-alpha-export';
import { manifestFor } from '../../io/results';
import { sourceLabel } from '../../io/spec';
import { SEED_ALPHA_CONSTANT, type TrainAlphaResult } from '../../runtime/train-alpha';
import { sig5 } from '../../plots/format';
import { PlotlyFigure } from '../common/PlotlyFigure';
import { downloadJson, downloadText } from '../common/download';

const FIELDS: { key: keyof TrainAlphaForm; label: string; testId: string; step: string }[] = [
  { key: 'epochs', label: 'epochs', testId: 'train-alpha-epochs', step: '1' },
  { key: 'lr', label: 'learning rate', testId: 'train-alpha-lr', step: 'any' },
  { key: 'batchSize', label: 'batch', testId: 'train-alpha-batch', step: '1' },
  { key: 'initialAlpha', label: 'initial alpha', testId: 'train-alpha-initial-alpha', step: 'any' },
  { key: 'seed', label: 'split seed', testId: 'train-alpha-seed', step: '1' },
  { key: 'geoSeed', label: 'target seed', testId: 'train-alpha-geo-seed', step: '1' },
];

function FinalTable({ result }: { result: TrainAlphaResult }) {
  const mean = result.final.alphas.reduce((a, b) => a + b, 0) / result.final.alphas.length;
  return (
    <>
      <p
        className="small"
        data-testid="train-alpha-summary"
        data-initial-val={result.initial.valLoss}
        data-final-val={result.final.valLoss}
        data-mean-alpha={mean}
        data-distance={result.meanAlphaDistance}
      >
        {result.examples.train} train / {result.examples.val} validation examples. Validation loss {sig5(result.initial.valLoss)} → {sig5(result.final.valLoss)} nats; mean
        alpha {sig5(mean)}, |mean alpha − {SEED_ALPHA_CONSTANT}| = {sig5(result.meanAlphaDistance)}.
      </p>
      <div className="table-scroll">
        <table className="kv-table" data-testid="train-alpha-table">
          <thead>
            <tr>
              <th scope="col" className="num">block</th>
              <th scope="col" className="num">initial α</th>
              <th scope="col" className="num">final α</th>
              <th scope="col" className="num">final logit θ</th>
              <th scope="col" className="num">final α − {SEED_ALPHA_CONSTANT}</th>
            </tr>
          </thead>
          <tbody>
            {result.final.alphas.map((a, l) => (
              <tr key={l} data-testid="train-alpha-row" data-block={l} data-alpha={a}>
                <td className="num">{l}</td>
                <td className="num">{sig5(result.initial.alphas[l])}</td>
                <td className="num">{sig5(a)}</td>
                <td className="num">{sig5(Math.log(a / (1 - a)))}</td>
                <td className="num">{sig5(a - SEED_ALPHA_CONSTANT)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function TrainAlphaSection() {
  const info = useLab(selectModel);
  const s = useTrainAlpha();
  const running = s.status === 'running';
  const nBlocks = info?.card.nLayers ?? 0;
  const form = running && s.runForm ? s.runForm : s.form;
  const shownModel = s.model ?? (info ? sourceLabel(info.source) : '');
  const meta = useMemo(() => ({ model: shownModel, form, result: s.status === 'done' ? s.result : null }), [shownModel, form, s.status, s.result]);
  const showFigures = s.live.length > 0 && nBlocks > 0;
  const alphaFig = useMemo(() => (showFigures ? alphaTrajectoryFigure(s.live, s.live[0].alphas.length, meta) : null), [showFigures, s.live, meta]);
  const lossFig = useMemo(() => (showFigures ? lossFigure(s.live, meta) : null), [showFigures, s.live, meta]);
  const last = s.live.at(-1);
  const result = s.result;
  const manifest = () => (info ? manifestFor(info) : null);
  const stem = 'train-alpha';

  return (
    <section className="panel" aria-labelledby="train-alpha-h" data-testid="train-alpha-section">
      <h2 id="train-alpha-h">Training alpha (seed 05 section 9)</h2>
      <p className="muted small">
        The model and the seed’s geometric target stay frozen; only the per-block alpha of the lerp modulator learns, as logits θ (α = sigmoid θ), on WordNet’s
        definition → lemma task (the lemmas that are one token of this model; input: the definition followed by “. It is called”). onnxruntime gives no gradients, so
        each step takes central finite differences of the batch loss through the modulated graph (2 × blocks extra passes), then AdamW with the seed’s settings.
        With the seed’s learning rate 1e-3 and a small vocabulary’s few examples, alpha moves by about 1e-4; a rate near 0.1 and more epochs show where it settles.
        T5 trains in the seed’s own setting: “summarize: ” + definition into the modulated encoder, the lemma and EOS through the teacher-forced decoder; a model
        without a tokenizer trains on UTF-8 bytes when the battery’s “UTF-8 bytes as token ids” box is ticked.
      </p>
      <div className="param-row">
        {FIELDS.map((f) => (
          <div className="field" key={f.key}>
            <label htmlFor={f.testId}>{f.label}</label>
            <input
              id={f.testId}
              data-testid={f.testId}
              type="number"
              step={f.step}
              value={s.form[f.key]}
              disabled={running}
              onChange={(e) => editTrainForm({ [f.key]: Number(e.target.value) })}
            />
          </div>
        ))}
        <button type="button" className="btn btn-primary" data-testid="train-alpha-run" disabled={running || !info} onClick={() => void startTrainAlpha()}>
          {result ? 'Train again' : 'Train'}
        </button>
        {running && (
          <button type="button" className="btn btn-danger" data-testid="train-alpha-cancel" disabled={s.cancelling} onClick={cancelTrainAlpha}>
            {s.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      <div className="job" data-testid="train-alpha-status" data-status={s.status} data-steps={s.live.length} data-steps-total={last?.stepsTotal ?? 0}>
        {running && <progress max={Math.max(1, last?.stepsTotal ?? 1)} {...(last ? { value: last.step } : {})} />}
        <span className="job-message small">
          {running
            ? last
              ? `epoch ${last.epoch + 1} of ${form.epochs}, step ${last.step} of ${last.stepsTotal}: batch loss ${sig5(last.trainLoss)} nats (${Math.round(last.msPerStep)} ms per step)`
              : 'loading WordNet, building the target table and the first losses…'
            : s.status === 'cancelled'
              ? 'cancelled; the previous result (if any) is kept'
              : s.status === 'done'
                ? `done: ${s.live.length} steps`
                : ''}
        </span>
      </div>
      {s.error && (
        <p className="callout callout-warn small" role="alert" data-testid="train-alpha-error">
          {s.error}
        </p>
      )}
      {alphaFig && <PlotlyFigure figure={alphaFig} testId="train-alpha-alpha-figure" />}
      {lossFig && <PlotlyFigure figure={lossFig} testId="train-alpha-loss-figure" />}
      {result && (
        <>
          <h3>Final alpha per block{s.resultModel ? ` (${s.resultModel})` : ''}</h3>
          <FinalTable result={result} />
          <div className="button-row">
            <span className="muted small">trajectory:</span>
            <button type="button" className="btn btn-small" data-testid="train-alpha-export-json" disabled={running} onClick={() => downloadJson(`${stem}.json`, trainAlphaDocument(result, manifest()))}>
              Data JSON
            </button>
            <button
              type="button"
              className="btn btn-small"
              data-testid="train-alpha-export-csv"
              disabled={running}
              onClick={() => downloadText(`${stem}.csv`, trainAlphaCsv(result, s.resultModel ?? '', manifest()), 'text/csv')}
            >
              Tidy CSV
            </button>
          </div>
        </>
      )}
    </section>
  );
}
