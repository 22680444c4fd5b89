import { describe, it, expect } from 'vitest';
import { preflight } from './preflight';
import type { AdapterFacts } from './ep';

const swiftshader: AdapterFacts = {
  vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true,
  maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30, hasShaderF16: false,
};

describe('memory pre-flight', () => {
  it('passes a small model everywhere', () => {
    const w = { totalBytes: 1e6, largest: { name: 'emb', bytes: 131072 } };
    expect(preflight(w, 'wasm', null).ok).toBe(true);
    expect(preflight(w, 'webgpu', swiftshader).ok).toBe(true);
  });

  it('refuses a weight over the WebGPU buffer limit and offers WASM when it fits', () => {
    const w = { totalBytes: 1.5 * 2 ** 30, largest: { name: 'model.embed_tokens.weight', bytes: 1.2 * 2 ** 30 } };
    const r = preflight(w, 'webgpu', swiftshader);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/'model\.embed_tokens\.weight' is 1229 MiB, over this WebGPU adapter's buffer limit of 1024 MiB: choose WASM, or a smaller variant/);
  });

  it('refuses a model too large for WASM memory', () => {
    const r = preflight({ totalBytes: 3 * 2 ** 30, largest: { name: 'w', bytes: 2 ** 28 } }, 'wasm', null);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/WASM would need about 6144 MiB of its 4096 MiB memory: choose WebGPU, or a smaller variant/);
  });

  it('warns, without refusing, when the device reports little memory', () => {
    const r = preflight({ totalBytes: 3 * 2 ** 30, largest: { name: 'w', bytes: 2 ** 28 } }, 'webgpu', swiftshader, 4);
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(/device reports about 4 GiB/);
  });
});
