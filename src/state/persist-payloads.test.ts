import { describe, it, expect } from 'vitest';
import { formForSource, parseSweepPayload, restoredRuns, sweepPayload, sweepSummary, type SweepPayload } from './persist-payloads';
import { planResume } from './study-resume';
import { STORIES260K } from '../io/spec';
import type { PromptRow } from '../analysis/aggregate';
import type { ModelRun } from './study-store';

const row = (g: number) => ({ prompt: 'p', category: null, position: 'last', G_hf_last: g, G_hf_penult: null, G_block_last: g, G_block: [g], total: g, entropyNats: NaN, topToken: null, topProb: null }) as PromptRow;
const hf = { kind: 'hf' as const, location: { hub: { repo: 'a/b', revision: 'main' } } };
const run = (key: string, status: ModelRun['status'], rows: (PromptRow | null)[]): ModelRun => ({ key, source: key === 'A' ? STORIES260K : hf, status, rows });

const payload = (): SweepPayload =>
  sweepPayload({
    run: { prompts: [{ text: 'x' }, { text: 'y' }], position: 'last', ep: 'wasm', hubBaseUrl: 'http://localhost:5174', byteIds: false, setName: 'S' },
    runs: { A: run('A', 'done', [row(1.5), row(0.1 + 0.2)]), B: run('B', 'running', [null, null]) },
    queue: [{ key: 'A', source: STORIES260K }, { key: 'B', source: hf }],
    presetId: 'seed01-canonical',
    setName: 'S',
    promptText: 'x\ny',
  })!;

describe('saved sweeps', () => {
  it('a model the page died in is resumable after a reload; finished ones keep their rows', () => {
    const r = restoredRuns(payload().runs);
    expect(r.A.status).toBe('done');
    expect(r.B.status).toBe('cancelled');
    expect(restoredRuns({ B: run('B', 'running', [row(1), null]) }).B.status).toBe('partial');
    expect(planResume(payload().queue, r, 2)).toEqual([{ models: ['B'], promptIndex: [0, 1] }]);
    expect(r.A.rows[1]!.G_block_last).toBe(0.1 + 0.2);
  });

  it('validates on the way in, naming the field; NaN values are values', () => {
    const p = structuredClone(payload());
    expect(parseSweepPayload(p)).toBe(p);
    expect(() => parseSweepPayload({ ...p, run: { ...p.run, position: 'first' } })).toThrow(/run\.position/);
    expect(() => parseSweepPayload({ ...p, runs: { A: { ...p.runs.A, rows: [{ nope: 1 }] } } })).toThrow(/runs\.A\.rows\.0\.prompt/);
    expect(sweepSummary(p)).toMatch(/1 of 2 models done · last token · .*\(2\/2\), .*\(0\/2\)/);
  });

  it('gives the Model view form for Hub sources and nothing for local files', () => {
    const hub = { repo: '', revision: 'main', checkpointPath: '', tokenizerPath: '', baseUrl: '' };
    const hfForm = { repo: '', revision: 'main', onnx: '' };
    expect(formForSource(STORIES260K, 'http://h', hub, hfForm)).toEqual({
      sourceKind: 'hub',
      hub: { repo: 'karpathy/tinyllamas', revision: 'main', checkpointPath: 'stories260K/stories260K.bin', tokenizerPath: 'stories260K/tok512.bin', baseUrl: 'http://h' },
      hf: hfForm,
    });
    expect(formForSource({ ...hf, onnx: 'onnx/model.onnx' }, 'http://h', hub, hfForm)).toMatchObject({ sourceKind: 'hf', hf: { repo: 'a/b', onnx: 'onnx/model.onnx' } });
    expect(formForSource({ kind: 'llama2c', checkpoint: { local: 'a' }, tokenizer: { local: 'b' } }, 'x', hub, hfForm)).toBeNull();
  });
});
