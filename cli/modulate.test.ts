/**
 * residual-lab modulate end to end in Node: a target file rebuilt from the reference fixture gives the
 * reference's modulated continuation (stories260K by text, T5 by ids); random:SEED scales to the mean
 * resid_pre norm; steer:A,B prints a mean difference; wrong shapes and arguments fail clearly.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { modulateCommand } from './modulate';
import { randomGaussianTarget } from '../src/analysis/modulation/random';
import { SHARED, STORIES_CKPT, STORIES_TOK } from '../src/testing/shared';

const ref = JSON.parse(readFileSync(resolve(process.cwd(), 'fixtures/modulate.reference.json'), 'utf8'));
const stories = ref.models.stories260K;
const t5 = ref.models.t5;
let dir: string;

async function run(args: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await modulateCommand(args, (s) => (text += s));
  return { code, text };
}

/** The fixture's vector target as a JSON file. */
function vectorFile(name: string, m: { d_model: number; target_norm: number }): string {
  const data = randomGaussianTarget({ seed: ref.source.targets.vector.seed, dModel: m.d_model, rows: 1, norm: m.target_norm });
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(Array.from(data)));
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'modulate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const storiesArgs = ['--model', STORIES_CKPT, '--tokenizer', STORIES_TOK, '--prompt', stories.prompt, '--max-new-tokens', '16'];

describe('residual-lab modulate', () => {
  it('stories260K with a target file: the reference continuation, --layers and the text report', async () => {
    const file = vectorFile('v.json', stories);
    for (const c of stories.cases.filter((x: { target: string }) => x.target === 'vector')) {
      const { code, text } = await run(['modulate', ...storiesArgs, '--alpha', String(c.alpha), '--layers', c.layers.join(','), '--target', file, '--json']);
      expect(code).toBe(0);
      const doc = JSON.parse(text);
      expect(doc.format).toBe('residual-lab/modulation@1');
      expect(doc.intervention.layers).toEqual(c.layers);
      expect(doc.result.original.ids).toEqual(stories.original.generated);
      expect(doc.result.modulated.ids).toEqual(c.generated);
      expect(Math.abs(doc.result.impact.cosMean - c.impact.cos_mean)).toBeLessThan(1e-4);
    }
    const { text } = await run([...storiesArgs, '--alpha', '0.29154', '--target', file]);
    expect(text).toMatch(/^alpha 0.29154 \(logit -0.88792\) at blocks \[0, 1, 2, 3, 4\] of the model; target .*v\.json \(vector \[64\]\)/);
    expect(text).toMatch(/\noriginal: {2}Once upon a time/);
    expect(text).toMatch(/\nmodulated: Once upon a time/);
    expect(text).toMatch(/\ntoken differences: 16 of 16 \(positions 0, 1, 2/);
  });

  it('T5 by ids: the encoder is modulated, the decoder continues greedily', async () => {
    const file = vectorFile('t5.json', t5);
    const c = t5.cases.find((x: { alpha: number; layers: number[] }) => x.alpha === 0.5);
    const model = resolve(SHARED, 'fixtures/hf-tiny', t5.onnx);
    const { text } = await run(['--model', model, '--ids', t5.encoder_ids.join(','), '--alpha', '0.5', '--target', file, '--max-new-tokens', '16', '--json']);
    const doc = JSON.parse(text);
    expect(doc.intervention.stack).toBe('encoder');
    expect(doc.result.original.ids).toEqual(t5.original.generated);
    expect(doc.result.modulated.ids).toEqual(c.generated);
  });

  it('random:SEED is scaled to the mean resid_pre norm of the prompt (the reference norm)', async () => {
    const { text } = await run([...storiesArgs, '--alpha', '0.05', '--target', 'random:1234', '--max-new-tokens', '4', '--json']);
    const doc = JSON.parse(text);
    expect(Math.abs(doc.target.norm - stories.target_norm) / stories.target_norm).toBeLessThan(1e-5);
    expect(doc.target.shape).toEqual([64]);
  });

  it('geo:SEED builds the seed geometric table from the static embedding', async () => {
    const { text } = await run([...storiesArgs, '--alpha', '0.05', '--target', 'geo:42,128,16', '--max-new-tokens', '4', '--json']);
    const doc = JSON.parse(text);
    expect(doc.target).toMatchObject({ kind: 'table', shape: [512, 64], geometric: { anchors: 128, nGeo: 16, embedding: expect.any(String) } });
    expect(doc.target.geometric.alignmentCos).toBeGreaterThan(-1);
    expect(doc.target.geometric.alignmentCos).toBeLessThanOrEqual(1 + 1e-9);
    expect(doc.target.geometric.scale).toBeCloseTo(0.1 * doc.target.geometric.residualScale, 10);
    expect(doc.result.modulated.ids).toHaveLength(4);
  });

  it('steer:A,B averages resid_pre at --steer-layer', async () => {
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    writeFileSync(a, 'The cat was happy.\nShe smiled and laughed.\n');
    writeFileSync(b, 'The cat was sad.\nShe cried.\n');
    const { text } = await run([...storiesArgs, '--alpha', '0.2', '--layers', '2', '--target', `steer:${a},${b}`, '--max-new-tokens', '8', '--json']);
    const doc = JSON.parse(text);
    expect(doc.target.steer).toMatchObject({ block: 2, promptsA: 2, promptsB: 2 });
    expect(doc.intervention.layers).toEqual([2]);
    expect(doc.result.alphas).toEqual([0, 0, 0.2, 0, 0]);
  });

  it('refuses a wrong-shape file, bad layers and a missing target clearly', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([1, 2, 3]));
    await expect(run([...storiesArgs, '--alpha', '0.1', '--target', bad])).rejects.toThrow(
      /bad\.json: a target must have shape \[d_model\] = \[64\] or \[vocab, d_model\] = \[512, 64\]; this file has shape \[3\]/,
    );
    await expect(run([...storiesArgs, '--alpha', '0.1', '--layers', '7', '--target', 'random:1'])).rejects.toThrow(/block 7 does not exist; the modulated stack has blocks 0..4/);
    await expect(run([...storiesArgs, '--alpha', '0.1'])).rejects.toThrow(/--target is required/);
    await expect(run([...storiesArgs, '--alpha', '2', '--target', 'random:1'])).rejects.toThrow(/--alpha must be a number in \[0, 1\], got '2'/);
    await expect(run([...storiesArgs, '--alpha', '0.1', '--target', join(dir, 'missing.npy')])).rejects.toThrow(/cannot be read \(ENOENT\)/);
  });
});
