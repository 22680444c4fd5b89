import { beforeEach, describe, expect, it } from 'vitest';
import { initialGeometryState, useGeometry } from './geometry-store';
import { batteryCancelled, batteryCancelling, batteryFailed, batteryFinished, batteryProgress, batteryStarted } from './geometry-actions';

const model = { label: 'stories260K.bin', key: 'abc' };

describe('a battery run in the store', () => {
  beforeEach(() => useGeometry.setState(initialGeometryState()));

  it('progress of the current job shows; a stale job changes nothing', () => {
    batteryStarted('weights', 'j1');
    batteryProgress('weights', 'j1', { message: 'singular values of wq.0 (64x64), 2 of 36', fraction: 0.05 });
    batteryProgress('weights', 'old', { message: 'stale', fraction: 0.9 });
    expect(useGeometry.getState().weights).toMatchObject({ status: 'running', message: 'singular values of wq.0 (64x64), 2 of 36', fraction: 0.05 });
    expect(useGeometry.getState().embedding.status).toBe('idle');
  });

  it('a cancelled rerun keeps the previous complete result and says it was cancelled', () => {
    batteryStarted('weights', 'j1');
    batteryFinished('weights', 'j1', 'r1', model);
    batteryStarted('weights', 'j2');
    batteryProgress('weights', 'j2', { message: 'halfway', fraction: 0.5 });
    batteryCancelling('weights');
    // Progress that arrives after the cancel was asked does not overwrite the "cancelling" message.
    batteryProgress('weights', 'j2', { message: 'late', fraction: 0.6 });
    expect(useGeometry.getState().weights.message).toMatch(/cancelling/);
    batteryCancelled('weights', 'j2');
    const w = useGeometry.getState().weights;
    expect(w).toMatchObject({ status: 'cancelled', jobId: null, resultId: 'r1', resultModel: model });
    expect(w.note).toMatch(/cancelled: nothing of that run is kept; the last complete result is still shown/);
    batteryStarted('weights', 'j3');
    expect(useGeometry.getState().weights.note).toBeNull();
    batteryFinished('weights', 'j3', 'r3', model);
    expect(useGeometry.getState().weights).toMatchObject({ status: 'done', resultId: 'r3', note: null });
  });

  it('a failure keeps the previous result and carries the message', () => {
    batteryStarted('embedding', 'e1');
    batteryFinished('embedding', 'e1', 'r1', model);
    batteryStarted('embedding', 'e2');
    batteryFailed('embedding', 'e2', 'no model is loaded');
    expect(useGeometry.getState().embedding).toMatchObject({ status: 'failed', resultId: 'r1', note: 'Embedding battery failed: no model is loaded' });
  });
});
