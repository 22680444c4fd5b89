import { describe, it, expect, beforeEach } from 'vitest';
import { applyPendingBlocks, applyUrlState, buildUrlState } from './persist-url';
import { decodeUrlState, encodeUrlState } from '../io/url-state';
import { initialState, useLab } from './store';
import { initialStudyState, useStudy } from './study-store';
import { initialModulatorState, useModulator } from './modulator-store';
import { editHf, editHub, editPrompt, setEp, setSourceKind } from './actions';
import { enqueueModel, loadPromptText, setPosition } from './study-actions';
import { setAlpha, setLinked, modelAttached, setOwnAlpha, toggleBlock } from './modulator-actions';
import { STORIES260K, sourceLabel, type ModelSource } from '../io/spec';
import { findPreset, formatPromptText } from '../io/prompt-sets';

const reset = () => {
  useLab.setState(initialState());
  useStudy.setState(initialStudyState());
  useModulator.setState(initialModulatorState());
};
const current = () => buildUrlState(useLab.getState(), useStudy.getState(), useModulator.getState());
const hfSource: ModelSource = { kind: 'hf', location: { hub: { repo: 'residual-lab/stories260K-hf', revision: 'main' } } };

describe('state <-> link', () => {
  beforeEach(reset);

  it('a fresh lab gives an empty link state', () => {
    expect(current()).toEqual({ v: 1 });
  });

  it('carries only what was changed, and restores it into fresh stores', () => {
    setSourceKind('hf');
    editHf({ repo: 'residual-lab/stories260K-hf' });
    editHub({ baseUrl: 'http://localhost:5174' });
    setEp('wasm');
    editPrompt({ text: 'Lily saw a ball' });
    const p = findPreset('seed01-canonical')!;
    loadPromptText(p.name, formatPromptText(p.prompts), p.id);
    enqueueModel({ key: sourceLabel(STORIES260K), source: STORIES260K });
    enqueueModel({ key: 'local', source: { kind: 'llama2c', checkpoint: { local: 'a.bin' }, tokenizer: { local: 't.bin' } } });
    setPosition('mean');
    modelAttached('m', { nBlocks: 3, dModel: 8, vocabSize: 10, stack: 'decoder-only' }, null);
    setLinked(false);
    setOwnAlpha(1, 0.3);
    toggleBlock(2);
    setAlpha(0.05);
    const link = current();
    expect(link.study).toMatchObject({ preset: 'seed01-canonical', queue: [STORIES260K], localDropped: 1, position: 'mean' });
    expect(link.study!.prompts).toBeUndefined();
    const before = { lab: useLab.getState(), study: useStudy.getState(), mod: useModulator.getState() };

    reset();
    const decoded = decodeUrlState(encodeUrlState(link));
    expect(decoded.ok).toBe(true);
    const out = applyUrlState(decoded.ok ? decoded.state : { v: 1 });
    expect(out.offer).toEqual({ label: 'residual-lab/stories260K-hf@main' });
    expect(out.notes.join(' ')).toMatch(/1 model of the link's Study queue came from local files/);
    const l = useLab.getState();
    expect({ kind: l.sourceKind, hf: l.hf, base: l.hub.baseUrl, ep: l.ep, prompt: l.prompt }).toEqual({
      kind: 'hf', hf: before.lab.hf, base: 'http://localhost:5174', ep: 'wasm', prompt: before.lab.prompt,
    });
    const s = useStudy.getState();
    expect({ presetId: s.presetId, text: s.promptText, position: s.position, queue: s.queue.map((q) => q.source) }).toEqual({
      presetId: 'seed01-canonical', text: before.study.promptText, position: 'mean', queue: [STORIES260K],
    });
    // Per-block sliders wait for a model with as many blocks, then match.
    expect(useModulator.getState().own).toEqual([]);
    modelAttached('m', { nBlocks: 3, dModel: 8, vocabSize: 10, stack: 'decoder-only' }, null);
    // The URL sync calls this on every Modulator change.
    applyPendingBlocks(useModulator.getState());
    const m = useModulator.getState();
    expect({ linked: m.linked, alpha: m.alpha, own: m.own, blocks: m.blocks }).toEqual({ linked: false, alpha: 0.05, own: before.mod.own, blocks: [true, true, false] });
    // The local model stayed behind, so the restored state no longer counts it.
    expect(current()).toEqual({ ...link, study: { ...link.study, localDropped: 0 } });
  });

  it('says a local model cannot travel, and offers nothing to load', () => {
    setSourceKind('local');
    const link = current();
    expect(link.lab!.source).toEqual({ kind: 'local' });
    reset();
    const out = applyUrlState(link);
    expect(out.offer).toBeNull();
    expect(out.notes[0]).toMatch(/local files/);
    expect(useLab.getState().sourceKind).toBe('hub');
  });

  it('an unknown preset is named; the rest still applies', () => {
    const out = applyUrlState({ v: 1, study: { preset: 'seed99', setName: 'x', queue: [hfSource], localDropped: 0, position: 'last', ep: 'auto', hubBaseUrl: 'https://huggingface.co', byteIds: true } });
    expect(out.notes[0]).toMatch(/seed99/);
    expect(useStudy.getState().queue.map((q) => q.key)).toEqual([sourceLabel(hfSource)]);
    expect(useStudy.getState().byteIds).toBe(true);
  });
});
