import { beforeEach, describe, expect, it } from 'vitest';
import { initialModulatorState, useModulator, type ModulationView } from './modulator-store';
import {
  editTarget, fileTargetAccepted, fileTargetRejected, modelAttached, requestEnded, requestFailed, requestStarted, resultArrived, setAlpha, setLinked, setOwnAlpha,
  sweepRowDone, sweepStarted, toggleBlock, setModType, editFieldSeed, editSweepAlphas,
} from './modulator-actions';
import { selectAlphas } from './modulator-selectors';
import type { SweepMeta, SweepRow } from '../plots/modulator/types';

const shape = { nBlocks: 3, dModel: 4, vocabSize: 10, stack: 'decoder-only' as const };
const view = (requestNo: number): ModulationView => ({
  requestNo, alphas: [0.1, 0.1, 0.1], promptIds: [1], prompt: 'p', stack: 'decoder-only',
  original: { ids: [1], pieces: ['a'], text: 'pa', stoppedBy: 'max_new_tokens' }, modulated: { ids: [2], pieces: ['b'], text: 'pb', stoppedBy: 'max_new_tokens' },
  tokenDifference: { count: 1, positions: [0], compared: 1, lengthDifference: 0 },
  impact: { cosPerToken: [1], normRatio: [1], pairwiseCosShift: [], cosMean: 1, cosStd: 0, normRatioMean: 1, pairwiseShiftMean: NaN, pairwiseShiftStd: NaN },
  target: 't', temperature: 0, seed: 0, ms: 1, originalCached: false,
});
const s = () => useModulator.getState();

beforeEach(() => {
  useModulator.setState(initialModulatorState(), true);
  modelAttached('m1', shape, null);
});

describe('modulator actions', () => {
  it('a model starts the view afresh: every block selected at the current alpha, no result, no file target', () => {
    fileTargetAccepted({ name: 'f.npy', bytes: 16, stamp: 1, kind: 'vector', shape: [4] });
    requestStarted(1, [0.1, 0.1, 0.1]);
    resultArrived(view(1));
    modelAttached('m2', { ...shape, nBlocks: 2 }, null);
    expect(s().blocks).toEqual([true, true]);
    expect(s().own).toEqual([s().alpha, s().alpha]);
    expect(s().result).toBeNull();
    expect(s().file).toBeNull();
    expect(s().target.choice).toBe('random');
  });

  it('linked alpha at the selected blocks; unlinking starts each block at the linked value', () => {
    setAlpha(0.29154);
    toggleBlock(1);
    expect(selectAlphas(s())).toEqual([0.29154, 0, 0.29154]);
    setLinked(false);
    expect(s().own).toEqual([0.29154, 0.29154, 0.29154]);
    setOwnAlpha(2, 0.123456);
    expect(selectAlphas(s())).toEqual([0.29154, 0, 0.1235]);
  });

  it('only the newest request shows: a stale result, end or failure changes nothing', () => {
    requestStarted(1, [0.1, 0.1, 0.1]);
    requestStarted(2, [0.2, 0.2, 0.2]);
    resultArrived(view(1));
    requestEnded(1);
    requestFailed(1, 'stale');
    expect(s().result).toBeNull();
    expect(s().pending?.requestNo).toBe(2);
    expect(s().error).toBeNull();
    resultArrived(view(2));
    expect(s().result?.requestNo).toBe(2);
    expect(s().pending).toBeNull();
  });

  it('a refused file leaves no file target and keeps the message until the target form changes', () => {
    fileTargetRejected('bad.json: a target must have shape [d_model] = [4] ...');
    expect(s().file).toBeNull();
    expect(s().targetError).toContain('[d_model] = [4]');
    editTarget({ randomSeed: 5 });
    expect(s().targetError).toBeNull();
  });

  it('sweep rows accumulate and the meta records the shared original continuation', () => {
    const meta: SweepMeta = { model: 'm', target: 't', blocks: [0, 1, 2], nBlocks: 3, stack: 'decoder-only', prompt: 'p', promptIds: [1], maxNewTokens: 4, temperature: 0, seed: 0, originalIds: [] };
    sweepStarted(2, meta);
    const row = { alpha: 0.1 } as SweepRow;
    sweepRowDone(row, [7, 8]);
    expect(s().sweep.done).toBe(1);
    expect(s().sweep.rows).toEqual([row]);
    expect(s().sweep.meta?.originalIds).toEqual([7, 8]);
    expect(s().sweep.running).toBe(true);
  });

  it('switching to the field modulator moves the alphas into its clamp range [0.001, 0.35]; 0 stays off', () => {
    setAlpha(0.5);
    setLinked(false);
    setOwnAlpha(1, 0);
    setModType('field');
    expect(s().modType).toBe('field');
    expect(s().alpha).toBe(0.35);
    expect(s().own).toEqual([0.35, 0, 0.35]);
    editFieldSeed(7);
    expect(s().fieldSeed).toBe(7);
    setModType('lerp');
    expect(s()).toMatchObject({ modType: 'lerp', alpha: 0.35, lastAction: 'setModType' });
  });

  it('the default sweep list follows the modulator type (the field ends at its clamp); a typed list stays', () => {
    setModType('field');
    expect(s().sweep.alphasText).toBe('0, 0.01, 0.05, 0.1, 0.2, 0.29154, 0.35');
    setModType('lerp');
    expect(s().sweep.alphasText).toBe('0, 0.01, 0.05, 0.1, 0.2, 0.29154, 0.5');
    editSweepAlphas('0, 0.3');
    setModType('field');
    expect(s().sweep.alphasText).toBe('0, 0.3');
  });
});
