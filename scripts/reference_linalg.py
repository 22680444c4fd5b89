"""numpy reference for src/linalg/cpu: singular values and symmetric eigenvalues of seeded matrices.

The matrices are rebuilt in TypeScript by src/linalg/cpu/test-matrices.ts from the same Rng stream
(scripts/rng.py), so only their checksums and spectra are committed, in fixtures/linalg.reference.json.
numpy runs in float64 (float32 inputs are cast exactly), which is the accuracy the lab promises to match.
"""
import json
import os

import numpy as np

from rng import Rng


def gaussian(rng, rows, cols):
    return rng.normals(rows * cols).reshape(rows, cols)


def with_spectrum(rng, rows, cols, s):
    """W = L diag(s) R by random Householder reflections, in test-matrices.ts's order."""
    w = np.zeros((rows, cols))
    for i, v in enumerate(s):
        w[i, i] = v
    for _ in range(rows):
        v = rng.normals(rows)
        t = v @ w
        w -= (2.0 / (v @ v)) * np.outer(v, t)
    for _ in range(cols):
        v = rng.normals(cols)
        t = w @ v
        w -= (2.0 / (v @ v)) * np.outer(t, v)
    return w


def log_spectrum(n, decades):
    return np.array([10.0 ** (0.0 if n == 1 else -decades * i / (n - 1)) for i in range(n)])


def build(case):
    rng = Rng(case["seed"])
    kind, rows, cols = case["kind"], case["rows"], case["cols"]
    if kind == "gaussian":
        w = gaussian(rng, rows, cols)
    elif kind == "gaussian_f32":
        w = gaussian(rng, rows, cols).astype(np.float32).astype(np.float64)
    elif kind == "log_spectrum":
        w = with_spectrum(rng, rows, cols, log_spectrum(min(rows, cols), case["decades"]))
    elif kind == "spectrum":
        w = with_spectrum(rng, rows, cols, np.array(case["spectrum"], dtype=np.float64))
    elif kind == "low_rank":
        r = case["rank"]
        a = gaussian(rng, rows, r)
        b = gaussian(rng, r, cols)
        w = a @ b
    elif kind == "symmetric":
        a = gaussian(rng, rows, cols)
        w = a + a.T
    else:
        raise ValueError(kind)
    return w


CASES = [
    {"name": "gauss_40x25", "kind": "gaussian", "seed": 1, "rows": 40, "cols": 25},
    {"name": "gauss_25x40", "kind": "gaussian", "seed": 2, "rows": 25, "cols": 40},
    {"name": "gauss_f32_50x80", "kind": "gaussian_f32", "seed": 3, "rows": 50, "cols": 80},
    {"name": "log6_60x40", "kind": "log_spectrum", "seed": 4, "rows": 60, "cols": 40, "decades": 6},
    {"name": "log7_90x150", "kind": "log_spectrum", "seed": 5, "rows": 90, "cols": 150, "decades": 7},
    {"name": "rank8_30x20", "kind": "low_rank", "seed": 6, "rows": 30, "cols": 20, "rank": 8},
    {"name": "clustered_50x50", "kind": "spectrum", "seed": 7, "rows": 50, "cols": 50,
     "spectrum": [1.0] * 10 + [0.5] * 10 + [1e-3] * 10 + [1e-5] * 10 + [0.0] * 10},
    {"name": "gauss_300x200", "kind": "gaussian", "seed": 8, "rows": 300, "cols": 200},
]
EIG_CASES = [
    {"name": "sym_40", "kind": "symmetric", "seed": 9, "rows": 40, "cols": 40},
    {"name": "sym_1", "kind": "symmetric", "seed": 10, "rows": 1, "cols": 1},
]


def full_precision(xs):
    """Full float64 precision: the fixture is small and the tests report errors near 1e-12."""
    return [float(x) for x in xs]


def main():
    out = {"generator": "scripts/reference_linalg.py", "numpy": np.__version__, "svd": [], "eigvalsh": []}
    for case in CASES:
        w = build(case)
        s = np.linalg.svd(w, compute_uv=False)
        out["svd"].append({**case, "checksum": float(w.sum()), "frobenius": float(np.linalg.norm(w)), "s": full_precision(s)})
    for case in EIG_CASES:
        w = build(case)
        ev = np.linalg.eigvalsh(w)[::-1]
        out["eigvalsh"].append({**case, "checksum": float(w.sum()), "values": full_precision(ev)})
    # Uniform draws (exact in both languages; normal() may differ in the last ulp) widened to [-2, 2).
    r = Rng(11)
    x = np.array([4.0 * r.next() - 2.0 for _ in range(101)])
    edgy = np.arange(11, dtype=np.float64) / 10
    pcts = [0, 1, 2.5, 25, 33.3, 50, 75, 97.5, 99, 100]
    h1 = np.histogram(x, 10)
    h2 = np.histogram(x, 7, range=(-1.0, 2.0))
    h3 = np.histogram(edgy, 5)
    out["stats"] = {
        "seed": 11, "n": 101, "percentiles": pcts,
        "percentile": [float(v) for v in np.percentile(x, pcts)],
        "mean": float(np.mean(x)), "std0": float(np.std(x)), "std1": float(np.std(x, ddof=1)),
        "hist10": {"edges": h1[1].tolist(), "counts": h1[0].tolist()},
        "hist7_range": {"edges": h2[1].tolist(), "counts": h2[0].tolist()},
        "edgy5": {"edges": h3[1].tolist(), "counts": h3[0].tolist()},
    }
    path = os.path.join(os.path.dirname(__file__), "..", "fixtures", "linalg.reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
