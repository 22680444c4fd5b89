import { describe, it, expect } from 'vitest';
import { decodeUrlState, encodeUrlState, readUrlState, URL_STATE_PARAM, withUrlState, type UrlState } from './url-state';
import { STORIES260K } from './spec';

const state: UrlState = {
  v: 1,
  lab: {
    source: { kind: 'hub', repo: 'karpathy/tinyllamas', revision: 'main', checkpoint: 'stories260K/stories260K.bin', tokenizer: 'stories260K/tok512.bin' },
    hubBaseUrl: 'http://localhost:5174',
    ep: 'wasm',
    prompt: { text: 'Zoë said «bonjour» 🙂 & left?', maxNewTokens: 60, temperature: 0.7, seed: 3 },
  },
  study: {
    preset: 'seed01-10',
    setName: 'Seed 01',
    queue: [STORIES260K, { kind: 'hf', location: { hub: { repo: 'residual-lab/stories260K-hf', revision: 'main' } } }],
    localDropped: 1,
    position: 'mean',
    ep: 'auto',
    hubBaseUrl: 'https://huggingface.co',
    byteIds: false,
  },
  mod: {
    prompt: 'Once', maxNewTokens: 32, temperature: 0, seed: 0, linked: false, alpha: 0.05, own: [0, 0.01, 1], blocks: [true, false, true],
    target: { choice: 'geometric', randomSeed: 1234, randomShape: 'vector', geoSeed: 7, steerA: '', steerB: '', steerLayer: 0 },
  },
};

describe('URL state', () => {
  it('round-trips exactly, unicode and floats included, in URL-safe characters', () => {
    const enc = encodeUrlState(state);
    expect(enc).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeUrlState(enc)).toEqual({ ok: true, state });
    const odd = { ...state, mod: { ...state.mod!, alpha: 0.1 + 0.2 - 0.3 + 0.05 } };
    const back = decodeUrlState(encodeUrlState(odd));
    expect(back.ok && back.state.mod!.alpha).toBe(odd.mod.alpha);
  });

  it('lives in one search parameter beside the others, and the hash is not touched', () => {
    const search = withUrlState('?expose=1', state);
    expect(search.startsWith('?expose=1&s=')).toBe(true);
    expect(readUrlState(search)).toEqual({ ok: true, state });
    expect(readUrlState('?expose=1')).toBeNull();
    expect(withUrlState(search, null)).toBe('?expose=1');
    expect(withUrlState('', null)).toBe('');
  });

  it('explains bad and stale links instead of applying them', () => {
    const bad = (s: string) => {
      const r = decodeUrlState(s);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.error;
    };
    expect(bad('abc$%')).toMatch(/damaged/);
    expect(bad(encodeUrlState(state).slice(0, 40))).toMatch(/damaged/);
    // Any JSON, encoded the way the lab encodes its own state.
    const raw = (x: unknown) => encodeUrlState(x as UrlState);
    expect(bad(raw({ ...state, v: 2 }))).toMatch(/newer version/);
    expect(bad(raw({ lab: state.lab }))).toMatch(/no lab state version/);
    expect(bad(raw({ ...state, lab: { ...state.lab, ep: 'cuda' } }))).toMatch(/lab\.ep/);
    expect(bad(raw({ ...state, mod: { ...state.mod, alpha: 2 } }))).toMatch(/mod\.alpha/);
    expect(bad(raw({ ...state, study: { ...state.study, queue: [{ kind: 'gguf' }] } }))).toMatch(/study\.queue\.0/);
    expect(readUrlState(`?${URL_STATE_PARAM}=`)).toMatchObject({ ok: false });
  });

  it('accepts a minimal state (any view may be absent) and fills defaults', () => {
    expect(decodeUrlState(encodeUrlState({ v: 1 }))).toEqual({ ok: true, state: { v: 1 } });
    const { localDropped: _l, ...study } = state.study!;
    const r = decodeUrlState(btoa(JSON.stringify({ v: 1, study })).replace(/=+$/, ''));
    expect(r.ok && r.state.study!.localDropped).toBe(0);
  });
});
