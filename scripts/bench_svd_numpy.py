#!/usr/bin/env python3
"""numpy's time for the benchmark of issue 6: all singular values of the 48 GPT-2-small-shaped
matrices (12 x 768x2304, 768x768, 768x3072, 3072x768), N(0, 0.02^2) float32 entries, with
np.linalg.svd(W, compute_uv=False) (LAPACK gesdd). numpy draws its own Gaussian values (default_rng):
the same shapes and distribution as the lab's matrices, not the same numbers; the time of an SVD
does not depend on which Gaussian sample it gets. Prints one JSON object.
Usage: python3 scripts/bench_svd_numpy.py [limit]
"""
import json
import os
import sys
import time

import numpy as np

SHAPES = [(768, 2304), (768, 768), (768, 3072), (3072, 768)] * 12
limit = int(sys.argv[1]) if len(sys.argv) > 1 else len(SHAPES)
rng = np.random.default_rng(1234)
per = []
for r, c in SHAPES[:limit]:
    w = (0.02 * rng.standard_normal((r, c))).astype(np.float32)
    t0 = time.perf_counter()
    np.linalg.svd(w, compute_uv=False)
    per.append((time.perf_counter() - t0) * 1000)
cfg = np.show_config(mode="dicts") if hasattr(np, "show_config") else {}
blas = cfg.get("Build Dependencies", {}).get("blas", {}).get("name", "unknown") if isinstance(cfg, dict) else "unknown"
print(json.dumps({"total_ms": sum(per), "per_matrix_ms": per, "numpy": np.__version__, "blas": blas, "threads_env": {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}}))
