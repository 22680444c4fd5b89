/**
 * Batched Cayley-Menger volumes on the GPU: one invocation per simplex gathers its m points, forms
 * the bordered squared-distance matrix, scales it by its largest distance and takes the determinant
 * by LU with partial pivoting, all in float32; the CPU turns (det, scale) into a float64 volume.
 * Float32 is enough here: the volumes feed a coefficient of variation and a ratio to Gaussian
 * points, and for the well-spread simplices of an embedding they stay within ~1e-6 relative of the
 * float64 CPU path (observed 8e-7 at d = 768; e2e/linalg-gpu.spec.ts holds them to 1e-4); a nearly
 * flat simplex loses more, as its determinant cancels.
 */
import { checkShape } from '../cpu/types';
import { computePipeline, readBuffer, type GpuContext } from './device';

/** Most points per simplex (a 9 x 9 bordered matrix per invocation). */
export const MAX_SIMPLEX_POINTS = 8;
const WORKGROUP = 64;

const CM_WGSL = /* wgsl */ `
struct Params { count: u32, d: u32, m: u32, pad: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> points: array<f32>;
@group(0) @binding(2) var<storage, read> simplices: array<u32>;
@group(0) @binding(3) var<storage, read_write> out: array<vec2<f32>>;

const MAXS: u32 = ${MAX_SIMPLEX_POINTS + 1}u;

@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let t = gid.x;
  if (t >= params.count) { return; }
  let m = params.m;
  let d = params.d;
  let s = m + 1u;
  var a: array<f32, ${(MAX_SIMPLEX_POINTS + 1) ** 2}>;
  var maxD = 0.0;
  for (var i = 0u; i < m; i++) {
    a[(i + 1u) * MAXS] = 1.0;
    a[i + 1u] = 1.0;
    let pi = simplices[t * m + i] * d;
    for (var j = i + 1u; j < m; j++) {
      let pj = simplices[t * m + j] * d;
      var acc = 0.0;
      for (var c = 0u; c < d; c++) {
        let diff = points[pi + c] - points[pj + c];
        acc = acc + diff * diff;
      }
      a[(i + 1u) * MAXS + j + 1u] = acc;
      a[(j + 1u) * MAXS + i + 1u] = acc;
      maxD = max(maxD, acc);
    }
  }
  if (maxD == 0.0) { out[t] = vec2<f32>(0.0, 0.0); return; }
  for (var i = 1u; i < s; i++) {
    for (var j = 1u; j < s; j++) { a[i * MAXS + j] = a[i * MAXS + j] / maxD; }
  }
  var det = 1.0;
  for (var k = 0u; k < s; k++) {
    var p = k;
    var best = abs(a[k * MAXS + k]);
    for (var i = k + 1u; i < s; i++) {
      let v = abs(a[i * MAXS + k]);
      if (v > best) { best = v; p = i; }
    }
    if (best == 0.0) { det = 0.0; break; }
    if (p != k) {
      for (var j = 0u; j < s; j++) {
        let tmp = a[k * MAXS + j];
        a[k * MAXS + j] = a[p * MAXS + j];
        a[p * MAXS + j] = tmp;
      }
      det = -det;
    }
    let pivot = a[k * MAXS + k];
    det = det * pivot;
    for (var i = k + 1u; i < s; i++) {
      let f = a[i * MAXS + k] / pivot;
      for (var j = k + 1u; j < s; j++) { a[i * MAXS + j] = a[i * MAXS + j] - f * a[k * MAXS + j]; }
    }
  }
  out[t] = vec2<f32>(det, maxD);
}
`;

const pipelines = new WeakMap<GPUDevice, Promise<GPUComputePipeline>>();

/**
 * [count] k-volumes (k = m - 1) of simplices whose m vertices are rows of `points` [n, d]
 * (`simplices` [count, m] row indices), by V^2 = (-1)^(k+1) det(CM) / (2^k (k!)^2) as in
 * cpu/cayley-menger.ts; a V^2 that rounding made negative (flat simplex) gives 0.
 */
export async function gpuSimplexVolumes(ctx: GpuContext, points: Float32Array, n: number, d: number, simplices: Uint32Array, m: number): Promise<Float64Array> {
  checkShape('gpuSimplexVolumes', points, n, d);
  if (!Number.isInteger(m) || m < 2 || m > MAX_SIMPLEX_POINTS) throw new Error(`gpuSimplexVolumes: need 2 <= m <= ${MAX_SIMPLEX_POINTS} points per simplex, got ${m}`);
  if (simplices.length % m !== 0) throw new Error(`gpuSimplexVolumes: ${simplices.length} indices are not whole simplices of ${m}`);
  for (const i of simplices) if (i >= n) throw new Error(`gpuSimplexVolumes: point index ${i} out of range (n = ${n})`);
  const count = simplices.length / m;
  if (count === 0) return new Float64Array(0);
  const { device, facts } = ctx;
  const maxBinding = Math.min(facts.maxStorageBufferBindingSize, facts.maxBufferSize);
  if (points.byteLength > maxBinding) throw new Error(`gpuSimplexVolumes: ${points.byteLength} bytes of points exceed this device's binding limit of ${maxBinding}`);
  if (simplices.byteLength > maxBinding) throw new Error(`gpuSimplexVolumes: too many simplices for one binding (${simplices.byteLength} bytes)`);
  let pipeline = pipelines.get(device);
  if (!pipeline) {
    pipeline = computePipeline(device, CM_WGSL, 'cayley-menger');
    pipelines.set(device, pipeline);
  }
  const buffer = (data: ArrayBufferView, usage: number) => {
    const b = device.createBuffer({ size: Math.max(16, Math.ceil(data.byteLength / 4) * 4), usage: usage | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(b, 0, data.buffer, data.byteOffset, data.byteLength);
    return b;
  };
  const params = buffer(new Uint32Array([count, d, m, 0]), GPUBufferUsage.UNIFORM);
  const pts = buffer(points, GPUBufferUsage.STORAGE);
  const idx = buffer(simplices, GPUBufferUsage.STORAGE);
  const out = device.createBuffer({ size: 8 * count, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  try {
    const pipe = await pipeline;
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipe);
    pass.setBindGroup(
      0,
      device.createBindGroup({
        layout: pipe.getBindGroupLayout(0),
        entries: [params, pts, idx, out].map((b, binding) => ({ binding, resource: { buffer: b } })),
      }),
    );
    const groups = Math.ceil(count / WORKGROUP);
    // One dimension of workgroups (at most 65535, ~4M simplices) is plenty for a sampled battery.
    if (groups > 65535) throw new Error(`gpuSimplexVolumes: ${count} simplices exceed one dispatch; split the batch`);
    pass.dispatchWorkgroups(groups);
    pass.end();
    device.queue.submit([enc.finish()]);
    const raw = new Float32Array(await readBuffer(device, out, 8 * count));
    return volumesFromDeterminants(raw, m);
  } finally {
    for (const b of [params, pts, idx, out]) b.destroy();
  }
}

/** [count] volumes from the kernel's (det of the scaled CM, scale) pairs `raw` [count, 2], in float64. */
export function volumesFromDeterminants(raw: Float32Array, m: number): Float64Array {
  const k = m - 1;
  let factorial = 1;
  for (let i = 2; i <= k; i++) factorial *= i;
  const sign = (k + 1) % 2 === 0 ? 1 : -1;
  const norm = 2 ** k * factorial * factorial;
  const v = new Float64Array(raw.length / 2);
  for (let t = 0; t < v.length; t++) {
    const v2 = (sign * raw[2 * t]) / norm;
    v[t] = v2 > 0 ? Math.sqrt(v2) * Math.pow(raw[2 * t + 1], k / 2) : 0;
  }
  return v;
}
