/**
 * The LM head and what feeds it, found by structure: logits <- head matmul <- (scalar scale) <- final-norm
 * output. The head may be a float MatMul/Gemm or a quantized matmul (MatMulInteger after
 * DynamicQuantizeLinear, MatMulNBits, QLinearMatMul, a MatMul whose weight is DequantizeLinear(...)),
 * with output scaling (dequantization, softcapping) between it and the logits.
 */
import { isPassThrough, VIEW_OPS, type GraphIndex } from './graph-index';
import type { NodeProto } from './proto';

/** Matmul-like ops and the input positions of their two operands (the rest are scales, zero points, bias). */
const MATMUL_OPERANDS: Record<string, [number, number]> = {
  MatMul: [0, 1],
  Gemm: [0, 1],
  FusedMatMul: [0, 1],
  MatMulInteger: [0, 1],
  MatMulIntegerToFloat: [0, 1],
  DynamicQuantizeMatMul: [0, 1],
  MatMulNBits: [0, 1],
  MatMulBnb4: [0, 1],
  MatMulFpQ4: [0, 1],
  QLinearMatMul: [0, 3],
  QGemm: [0, 3],
};

/** Is `n` a matrix product, float or quantized? */
export function isMatMulLike(n: NodeProto | undefined): boolean {
  return !!n && n.opType! in MATMUL_OPERANDS;
}

/** The two operands of a matmul-like node ([a, b] of a @ b). */
export function matmulOperands(n: NodeProto): [string, string] {
  const [i, j] = MATMUL_OPERANDS[n.opType!];
  return [n.input![i] ?? '', n.input![j] ?? ''];
}

/** Operands that are activations (not weights): one for a projection, two for attention scores. */
export function activationOperands(g: GraphIndex, n: NodeProto): string[] {
  return matmulOperands(n).filter((t) => t && !g.isConstant(t));
}

/** Quantize/dequantize ops: the value of input 0 passes through them (up to rounding). */
const QUANT_OPS = new Set(['DynamicQuantizeLinear', 'QuantizeLinear', 'DequantizeLinear']);
/** Ops selecting positions of input 0 (Optimum's num_logits_to_keep slices the stream before the head). */
const SELECT_OPS = new Set(['Slice', 'Gather']);
/** Elementwise ops seen between a head matmul and the logits when one input is a constant (bias, scale). */
const AFFINE_OPS = new Set(['Mul', 'Div', 'Add', 'Sub']);
/** Unary ops of output scaling (logit softcapping: tanh(x / c) * c). */
const UNARY_SCALING = new Set(['Tanh']);
const MAX_HEAD_STEPS = 16;

/** The LM head found behind a graph output. */
export interface HeadMatch {
  /** the head matmul node */ node: NodeProto;
  /** its activation operand: [.., d_model] (maybe quantized) */ act: string;
}

/** Is `t` produced by a matmul-like node, looking only through casts and views (a dequantization's integer product)? */
function isMatMulProduct(g: GraphIndex, t: string): boolean {
  return isMatMulLike(g.producer.get(g.unwrapView(t)));
}

/**
 * Walk back from a graph output to the LM head matmul, through casts, views, bias/scale ops with a
 * constant operand, dequantization scales and softcapping. Returns null when no head is found; `seen`
 * then lists the ops met (for the error message).
 */
export function findHeadMatMul(g: GraphIndex, output: string, seen: string[] = []): HeadMatch | null {
  let cur = output;
  for (let step = 0; step < MAX_HEAD_STEPS; step++) {
    const p = g.producer.get(cur);
    if (!p) return null;
    seen.push(p.opType!);
    if (isPassThrough(p) || VIEW_OPS.has(p.opType!) || UNARY_SCALING.has(p.opType!)) {
      cur = p.input![0];
    } else if (isMatMulLike(p)) {
      const acts = activationOperands(g, p);
      return acts.length === 1 ? { node: p, act: acts[0] } : null;
    } else if (AFFINE_OPS.has(p.opType!)) {
      const [a, b] = p.input!;
      if (g.isConstant(b)) cur = a;
      else if (g.isConstant(a)) cur = b;
      // A dequantized integer matmul: Mul(Cast(MatMulInteger(..)), x_scale * w_scale); follow the product.
      else if (isMatMulProduct(g, a) !== isMatMulProduct(g, b)) cur = isMatMulProduct(g, a) ? a : b;
      else return null;
    } else {
      return null;
    }
  }
  return null;
}

/**
 * From the head's activation operand down to the tensor the final norm produced: through (dynamic)
 * quantization, casts, views, position selection and scalar scalings (T5 multiplies by d_model^-0.5
 * before its tied head).
 */
export function headInput(g: GraphIndex, act: string): string {
  let cur = g.unwrapView(act);
  for (let step = 0; step < MAX_HEAD_STEPS; step++) {
    const p = g.producer.get(cur);
    if (!p) break;
    // Quantization keeps the values; a Slice/Gather keeps some positions (heads applied to the last token only),
    // and the tap wants the whole normalized stream.
    if ((QUANT_OPS.has(p.opType!) || SELECT_OPS.has(p.opType!)) && !g.isConstant(p.input![0])) {
      cur = g.unwrapView(p.input![0]);
    } else if (p.opType === 'Mul' || p.opType === 'Div') {
      const [a, b] = p.input!;
      if (g.constantSize(b) === 1) cur = g.unwrapView(a);
      else if (p.opType === 'Mul' && g.constantSize(a) === 1) cur = g.unwrapView(b);
      else break;
    } else {
      break;
    }
  }
  return cur;
}
