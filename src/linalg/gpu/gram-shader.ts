import { FLOAT_FLOAT_WGSL } from './float-float';

/** Output tile edge: a 16 x 16 workgroup, each invocation owning a 4 x 4 block of G. */
export const GRAM_TILE = 64;
/** Positions staged in workgroup memory per step (2 tiles x 64 x 16 x vec2<f32> = 16 KiB, the limit every adapter grants). */
const STEP = 16;

/**
 * G += X_chunk X_chunk^T in float-float for one chunk of positions. `x` holds the chunk
 * position-major, entry (v, c) at c * k + v as (hi, lo) from splitF32; `g` holds G [k, k] as
 * (hi, lo) pairs, and only tiles on or above the diagonal are written. Per entry and position the
 * arithmetic is fixed (reference.ts replays it): acc += ah*bh; acc += ah*bl + al*bh (both exact);
 * small += al*bl (plain f32: it is 2^-22 of the term); at the end of the chunk g += acc + small.
 */
export const GRAM_WGSL = /* wgsl */ `
${FLOAT_FLOAT_WGSL}
struct Params { k: u32, len: u32, pad0: u32, pad1: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read_write> g: array<vec2<f32>>;

const TILE: u32 = ${GRAM_TILE}u;
const STEP: u32 = ${STEP}u;
var<workgroup> sa: array<vec2<f32>, ${GRAM_TILE * STEP}>;
var<workgroup> sb: array<vec2<f32>, ${GRAM_TILE * STEP}>;

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  // Workgroup (x, y) = tile column, tile row; the lower triangle is the mirror, skipped whole.
  if (wid.x < wid.y) { return; }
  let k = params.k;
  let len = params.len;
  let i0 = wid.y * TILE;
  let j0 = wid.x * TILE;
${unrolled()}
}
`;

/**
 * The invocation's 4 x 4 block as 16 named accumulators and straight-line code: dynamically indexed
 * local arrays end up in memory on some compilers (SwiftShader's among them), named values stay in registers.
 */
function unrolled(): string {
  const ids = [0, 1, 2, 3].flatMap((r) => [0, 1, 2, 3].map((s) => [r, s] as const));
  const lines: string[] = [];
  for (const [r, s] of ids) lines.push(`  var acc${r}${s} = vec2<f32>(0.0, 0.0);`, `  var small${r}${s} = 0.0;`);
  lines.push(`  for (var c0 = 0u; c0 < len; c0 += STEP) {
    for (var t = 0u; t < ${(GRAM_TILE * STEP) / 256}u; t++) {
      let idx = li + t * 256u;
      let c = c0 + idx / TILE;
      let v = idx % TILE;
      var a = vec2<f32>(0.0, 0.0);
      var b = vec2<f32>(0.0, 0.0);
      if (c < len && i0 + v < k) { a = x[c * k + i0 + v]; }
      if (c < len && j0 + v < k) { b = x[c * k + j0 + v]; }
      sa[idx] = a;
      sb[idx] = b;
    }
    workgroupBarrier();
    for (var cc = 0u; cc < STEP; cc++) {
      let ra = cc * TILE + lid.y * 4u;
      let rb = cc * TILE + lid.x * 4u;`);
  for (const r of [0, 1, 2, 3]) lines.push(`      let a${r} = sa[ra + ${r}u];`, `      let b${r} = sb[rb + ${r}u];`);
  for (const [r, s] of ids) {
    lines.push(`      acc${r}${s} = ffAddF(ffAddF(acc${r}${s}, a${r}.x * b${s}.x), a${r}.x * b${s}.y + a${r}.y * b${s}.x);`);
    lines.push(`      small${r}${s} = small${r}${s} + a${r}.y * b${s}.y;`);
  }
  lines.push(`    }
    workgroupBarrier();
  }`);
  for (const [r, s] of ids) {
    lines.push(`  if (i0 + lid.y * 4u + ${r}u < k && j0 + lid.x * 4u + ${s}u < k) {
    let o = (i0 + lid.y * 4u + ${r}u) * k + j0 + lid.x * 4u + ${s}u;
    g[o] = ffAddF(ffAdd(g[o], acc${r}${s}), small${r}${s});
  }`);
  }
  return lines.join('\n');
}
