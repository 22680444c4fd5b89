/**
 * Build an ONNX graph (opset 17) computing the llama2.c forward pass of run.c:
 * RMSNorm (eps 1e-5), RoPE on adjacent pairs (2i, 2i+1), grouped-query attention, SwiGLU,
 * shared or separate classifier. input_ids int64 [batch, seq] -> logits float [batch, seq, vocab].
 *
 * Norms are decomposed the way PyTorch exports them, so the graph goes through the same
 * structural tap surgery as every Hugging Face export.
 */
import { GraphBuilder, valueInfo } from '../../onnx/builder';
import { DataType, type ModelProto } from '../../onnx/proto';
import { transpose } from '../../linalg/cpu/transpose';
import type { Llama2cConfig, Llama2cWeights } from './checkpoint';

export const RMS_EPS = 1e-5;
export const ROPE_THETA = 10000;

/** cos/sin tables [seqLen, headDim/2] for adjacent-pair RoPE, angle = pos * theta^(-2i/headDim), as run.c. */
export function ropeTables(seqLen: number, headDim: number, theta = ROPE_THETA): { cos: Float32Array; sin: Float32Array } {
  const half = headDim / 2;
  const cos = new Float32Array(seqLen * half);
  const sin = new Float32Array(seqLen * half);
  for (let p = 0; p < seqLen; p++) {
    for (let i = 0; i < half; i++) {
      // run.c computes freq and angle in float32; Math.fround keeps the same rounding.
      const freq = Math.fround(1 / Math.pow(theta, Math.fround((2 * i) / headDim)));
      const angle = Math.fround(p * freq);
      cos[p * half + i] = Math.cos(angle);
      sin[p * half + i] = Math.sin(angle);
    }
  }
  return { cos, sin };
}

export function llama2cToOnnx(config: Llama2cConfig, w: Llama2cWeights, name = 'llama2c'): ModelProto {
  const { dim, hiddenDim, nLayers, nHeads, nKvHeads, vocabSize, seqLen } = config;
  const headDim = dim / nHeads;
  const kvDim = headDim * nKvHeads;
  const rep = nHeads / nKvHeads;
  const g = new GraphBuilder();

  const two = g.float('const_two', [], new Float32Array([2]));
  const one = g.float('const_one', [], new Float32Array([1]));
  const eps = g.float('const_eps', [], new Float32Array([RMS_EPS]));
  const sqrtHd = g.float('const_sqrt_head_dim', [], new Float32Array([Math.sqrt(headDim)]));
  const negBig = g.float('const_mask_value', [], new Float32Array([-1e9]));
  const zeroF = g.float('const_zero_f', [], new Float32Array([0]));

  const rmsNorm = (x: string, weight: string): string => {
    const sq = g.op('Pow', [x, two]);
    const mean = g.op('ReduceMean', [sq], { axes: { ints: [-1] }, keepdims: { int: 1 } });
    const std = g.op('Sqrt', [g.op('Add', [mean, eps])]);
    const inv = g.op('Div', [one, std]);
    return g.op('Mul', [weight, g.op('Mul', [x, inv])]);
  };
  const linear = (x: string, wName: string, wRowMajor: Float32Array, out: number, inp: number): string =>
    g.op('MatMul', [x, g.float(wName, [inp, out], transpose(wRowMajor, out, inp))]);

  // Positions 0..S-1 feed the RoPE tables and the causal mask.
  const { cos, sin } = ropeTables(seqLen, headDim);
  const [cosT, sinT] = g.within('/model/rotary', () => {
    const seq = g.op('Shape', ['input_ids'], { start: { int: 1 }, end: { int: 2 } });
    const zero = g.int64('const_zero_1d', [1], [0]);
    const cosAll = g.float('rope_cos', [seqLen, headDim / 2], cos);
    const sinAll = g.float('rope_sin', [seqLen, headDim / 2], sin);
    const axes13 = g.int64('const_axes_1_3', [2], [1, 3]);
    // [S, hd/2] -> [S, 1, hd/2, 1] to broadcast over [B, S, H, hd/2, 1]
    const c = g.op('Unsqueeze', [g.op('Slice', [cosAll, zero, seq, zero]), axes13]);
    const s = g.op('Unsqueeze', [g.op('Slice', [sinAll, zero, seq, zero]), axes13]);
    return [c, s];
  });
  const mask = g.within('/model/causal_mask', () => {
    const seq = g.op('Shape', ['input_ids'], { start: { int: 1 }, end: { int: 2 } });
    const seqScalar = g.op('Squeeze', [seq, g.int64('const_axes_0', [1], [0])]);
    const pos = g.op('Range', [g.int64('const_start', [], [0]), seqScalar, g.int64('const_step', [], [1])]);
    const row = g.op('Unsqueeze', [pos, g.int64('const_axes_1', [1], [1])]);
    const col = g.op('Unsqueeze', [pos, g.int64('const_axes_0b', [1], [0])]);
    return g.op('Where', [g.op('Greater', [col, row]), negBig, zeroF]); // [S, S]: key after query is masked
  });

  const rope = (x: string, heads: number): string => {
    const pairs = g.op('Reshape', [x, g.int64(`shape_pairs_${heads}_${g.nodes.length}`, [5], [0, 0, heads, headDim / 2, 2])]);
    const [x0, x1] = g.opN('Split', [pairs], 2, { axis: { int: -1 } });
    const r0 = g.op('Sub', [g.op('Mul', [x0, cosT]), g.op('Mul', [x1, sinT])]);
    const r1 = g.op('Add', [g.op('Mul', [x0, sinT]), g.op('Mul', [x1, cosT])]);
    const joined = g.op('Concat', [r0, r1], { axis: { int: -1 } });
    return g.op('Reshape', [joined, g.int64(`shape_heads_${heads}_${g.nodes.length}`, [4], [0, 0, heads, headDim])]);
  };

  const emb = g.float('model.embed_tokens.weight', [vocabSize, dim], w.tokenEmbedding);
  let x = g.within('/model/embed_tokens', () => g.op('Gather', [emb, 'input_ids']));

  for (let l = 0; l < nLayers; l++) {
    x = g.within(`/model/layers.${l}`, () => {
      const p = `model.layers.${l}`;
      const h = g.within(`/model/layers.${l}/input_layernorm`, () => rmsNorm(x, g.float(`${p}.input_layernorm.weight`, [dim], w.rmsAtt[l])));
      const attn = g.within(`/model/layers.${l}/self_attn`, () => {
        const heads = (t: string, n: number) => g.op('Reshape', [t, g.int64(`shape_${n}_${g.nodes.length}`, [4], [0, 0, n, headDim])]);
        const q = rope(heads(linear(h, `${p}.self_attn.q_proj.weight_T`, w.wq[l], dim, dim), nHeads), nHeads);
        const k = rope(heads(linear(h, `${p}.self_attn.k_proj.weight_T`, w.wk[l], kvDim, dim), nKvHeads), nKvHeads);
        const v = heads(linear(h, `${p}.self_attn.v_proj.weight_T`, w.wv[l], kvDim, dim), nKvHeads);
        const toBHSD = (t: string) => g.op('Transpose', [t], { perm: { ints: [0, 2, 1, 3] } });
        // Grouped-query attention: query head hq reads kv head floor(hq / rep), as run.c.
        const repeat = (t: string) => {
          if (rep === 1) return t;
          const t5 = g.op('Unsqueeze', [t, g.int64(`axes2_${g.nodes.length}`, [1], [2])]);
          const tiled = g.op('Tile', [t5, g.int64(`reps_${g.nodes.length}`, [5], [1, 1, rep, 1, 1])]);
          return g.op('Reshape', [tiled, g.int64(`shape_rep_${g.nodes.length}`, [4], [0, nHeads, -1, headDim])]);
        };
        const qh = toBHSD(q);
        const kh = repeat(toBHSD(k));
        const vh = repeat(toBHSD(v));
        const scores = g.op('Div', [g.op('MatMul', [qh, g.op('Transpose', [kh], { perm: { ints: [0, 1, 3, 2] } })]), sqrtHd]);
        const probs = g.op('Softmax', [g.op('Add', [scores, mask])], { axis: { int: -1 } });
        const ctx = g.op('Transpose', [g.op('MatMul', [probs, vh])], { perm: { ints: [0, 2, 1, 3] } });
        const merged = g.op('Reshape', [ctx, g.int64(`shape_merge_${g.nodes.length}`, [3], [0, 0, dim])]);
        return linear(merged, `${p}.self_attn.o_proj.weight_T`, w.wo[l], dim, dim);
      });
      const mid = g.op('Add', [x, attn]);
      const h2 = g.within(`/model/layers.${l}/post_attention_layernorm`, () => rmsNorm(mid, g.float(`${p}.post_attention_layernorm.weight`, [dim], w.rmsFfn[l])));
      const mlp = g.within(`/model/layers.${l}/mlp`, () => {
        const gate = linear(h2, `${p}.mlp.gate_proj.weight_T`, w.w1[l], hiddenDim, dim);
        const up = linear(h2, `${p}.mlp.up_proj.weight_T`, w.w3[l], hiddenDim, dim);
        const act = g.op('Mul', [gate, g.op('Sigmoid', [gate])]); // SiLU
        return linear(g.op('Mul', [act, up]), `${p}.mlp.down_proj.weight_T`, w.w2[l], dim, hiddenDim);
      });
      return g.op('Add', [mid, mlp]);
    });
  }

  const normed = g.within('/model/norm', () => rmsNorm(x, g.float('model.norm.weight', [dim], w.rmsFinal)));
  g.within('/lm_head', () => {
    // A shared classifier reads the embedding matrix through a Transpose instead of storing a copy.
    const wcls = config.sharedClassifier
      ? g.op('Transpose', [emb], { perm: { ints: [1, 0] } })
      : g.float('lm_head.weight_T', [dim, vocabSize], transpose(w.wcls, vocabSize, dim));
    g.op('MatMul', [normed, wcls]);
    g.renameLastOutput('logits');
  });

  return g.model({
    name,
    producer: 'residual-lab llama2c',
    opset: 17,
    inputs: [valueInfo('input_ids', DataType.INT64, ['batch_size', 'sequence_length'])],
    outputs: [valueInfo('logits', DataType.FLOAT, ['batch_size', 'sequence_length', vocabSize])],
  });
}
