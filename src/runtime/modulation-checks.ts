/** Shape and range checks of a modulation request, with messages a researcher can act on. */
import { InputError } from './engine';
import type { Modulation } from './modulation-types';

/** A lerp target must have the shape its kind feeds: [d_model], [vocab, d_model] or [>= seqLen, d_model]. */
export function checkTarget(t: Modulation, dModel: number, vocab: number, seqLen: number): void {
  if (t.kind === 'field') return;
  const D = dModel;
  const want = t.kind === 'vector' ? D : t.kind === 'table' ? vocab * D : seqLen * D;
  const ok = t.kind === 'positions' ? t.data.length >= want && t.data.length % D === 0 : t.data.length === want;
  if (!ok) {
    const shape = t.kind === 'vector' ? `[${D}]` : t.kind === 'table' ? `[${vocab}, ${D}]` : `[>= ${seqLen}, ${D}]`;
    throw new InputError(`a ${t.kind} target needs shape ${shape} (${want} values); got ${t.data.length} values`);
  }
}

/** One alpha per block, each in [0, 1]. */
export function checkAlphas(alphas: readonly number[], nBlocks: number): void {
  if (alphas.length !== nBlocks) throw new InputError(`alphas: one value per block is needed (${nBlocks} blocks), got ${alphas.length}`);
  const bad = alphas.find((a) => !(a >= 0 && a <= 1));
  if (bad !== undefined) throw new InputError(`alpha must be in [0, 1], got ${bad}`);
}
