/** What the Modulator panels read (kept here so panels never reach into the state's shape). */
import type { ModulatorState } from './modulator-store';
import { alphasFor, selectedBlocks } from './modulator-params';

export const selectAlphaForm = (s: ModulatorState) => ({ linked: s.linked, alpha: s.alpha, own: s.own, blocks: s.blocks });
/** [n_blocks] the alphas the next request sends */
export const selectAlphas = (s: ModulatorState): number[] => alphasFor(s);
export const selectSelectedBlocks = (s: ModulatorState): number[] => selectedBlocks(s.blocks);
export const selectUpdating = (s: ModulatorState) => s.pending !== null;
export const selectResult = (s: ModulatorState) => s.result;
export const selectSweep = (s: ModulatorState) => s.sweep;
export const selectShape = (s: ModulatorState) => s.shape;
