/**
 * Implicit QL with Wilkinson shifts on a symmetric tridiagonal matrix (the EISPACK tql1/tql2 scheme).
 * Kept apart from eigen.ts so singular-values.ts can rerun it with a rotation log and build only the
 * eigenvectors it needs.
 */

/** Plane rotations applied by QL, in order: rotation r mixes coordinates idx[r] and idx[r] + 1. */
export interface RotationLog {
  count: number;
  idx: Int32Array;
  c: Float64Array;
  s: Float64Array;
}

export function newRotationLog(capacity = 1024): RotationLog {
  return { count: 0, idx: new Int32Array(capacity), c: new Float64Array(capacity), s: new Float64Array(capacity) };
}

function logRotation(log: RotationLog, i: number, c: number, s: number): void {
  if (log.count === log.idx.length) {
    const cap = log.idx.length * 2;
    const idx = new Int32Array(cap);
    idx.set(log.idx);
    const cc = new Float64Array(cap);
    cc.set(log.c);
    const ss = new Float64Array(cap);
    ss.set(log.s);
    log.idx = idx;
    log.c = cc;
    log.s = ss;
  }
  log.idx[log.count] = i;
  log.c[log.count] = c;
  log.s[log.count] = s;
  log.count++;
}

/** sqrt(a^2 + b^2) without overflow or underflow. */
function hypot2(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) {
    const r = y / x;
    return x * Math.sqrt(1 + r * r);
  }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

/**
 * Eigenvalues of the symmetric tridiagonal matrix with diagonal d [n] and off-diagonal e [n]
 * (e[i] = T[i, i+1] for i < n-1; e[n-1] is ignored), in place: on return d holds the eigenvalues
 * (unsorted) and e is destroyed. `zt` [n, n], when given, is rotated along (its rows i, i+1 mix), so
 * starting from the identity its row j ends as the eigenvector of d[j]; `log` records the rotations.
 */
export function tridiagonalQL(d: Float64Array, e: Float64Array, zt?: Float64Array, log?: RotationLog): void {
  const n = d.length;
  if (n === 0) return;
  e[n - 1] = 0;
  const eps = 2.220446049250313e-16;
  // An off-diagonal below eps * ||T|| is negligible in absolute terms; without this test a block of
  // (near-)zero eigenvalues never meets the relative test below and QL does not converge.
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]) + Math.abs(e[i]));
  const tiny = eps * norm;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= eps * dd || Math.abs(e[m]) <= tiny) break;
      }
      if (m === l) break;
      if (++iter > 60) throw new Error('tridiagonalQL: no convergence after 60 iterations');
      // Wilkinson shift from the leading 2x2 block.
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = hypot2(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = hypot2(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // A zero rotation splits the matrix: drop the pending shift and restart this block.
          d[i + 1] -= p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        if (zt) {
          const ri = i * n;
          const rj = ri + n;
          for (let k = 0; k < n; k++) {
            const zi = zt[ri + k];
            const zj = zt[rj + k];
            zt[rj + k] = s * zi + c * zj;
            zt[ri + k] = c * zi - s * zj;
          }
        }
        if (log) logRotation(log, i, c, s);
      }
      if (underflow) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}

/**
 * [p, n] rows = the eigenvectors of T for the final positions `which` of a QL run recorded in `log`
 * (T's eigenvector j is column j of R_1 R_2 ... R_last, so the rotations are replayed backwards
 * on the p selected unit vectors). Costs O(p * rotations) instead of O(n * rotations).
 */
export function eigenvectorsFromLog(log: RotationLog, n: number, which: ArrayLike<number>): Float64Array {
  const p = which.length;
  // Work on Y [n, p] so each rotation mixes two contiguous rows of length p.
  const y = new Float64Array(n * p);
  for (let q = 0; q < p; q++) y[which[q] * p + q] = 1;
  const { idx, c, s } = log;
  for (let r = log.count - 1; r >= 0; r--) {
    const ri = idx[r] * p;
    const rj = ri + p;
    const cr = c[r];
    const sr = s[r];
    for (let q = 0; q < p; q++) {
      const yi = y[ri + q];
      const yj = y[rj + q];
      y[ri + q] = cr * yi + sr * yj;
      y[rj + q] = cr * yj - sr * yi;
    }
  }
  const out = new Float64Array(p * n);
  for (let k = 0; k < n; k++) for (let q = 0; q < p; q++) out[q * n + k] = y[k * p + q];
  return out;
}
