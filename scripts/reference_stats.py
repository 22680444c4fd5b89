#!/usr/bin/env python3
"""scipy reference for src/analysis/stats.ts -> fixtures/stats.reference.json.

Computes describe / ttest_1samp / pearsonr / spearmanr / linregress on committed cases: seeded random
data with realistic gains (around 1), head densities rho = n_heads / d_head of the Pythia family,
entropies vs |G - 1|, and the edge cases (n = 1, n = 2, n = 3, zero variance, ties, perfect and
negative correlation, each alternative). Inputs are rounded to 6 decimals so the JSON is readable
and parses to the same doubles in JavaScript. NaN is written as null; a scipy exception is written
as {"error": message}. Usage: python3 scripts/reference_stats.py
"""
import json
import math
import warnings
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "fixtures" / "stats.reference.json"
ALTS = ("two-sided", "less", "greater")
rng = np.random.default_rng(20250105)


def r6(a):
    return [round(float(v), 6) for v in a]


def num(v):
    """float, with NaN as null (JSON has no NaN); infinities as strings so they survive."""
    v = float(v)
    if math.isnan(v):
        return None
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def guarded(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return fn()
        except ValueError as e:
            return {"error": str(e)}


# ------------------------------------------------------------------ data
PYTHIA_RHO = r6([8 / 64, 12 / 64, 16 / 64, 8 / 256, 16 / 128, 32 / 80, 32 / 128, 40 / 128])
gains25 = r6(rng.normal(0.97, 0.06, 25))  # per-prompt last-block gains, 25-prompt preset
gains25_strong = r6(rng.normal(0.90, 0.01, 25))  # clearly dampening: tiny p
gains_expand = r6(rng.normal(1.04, 0.03, 10))
model_gains = r6(1.05 - 0.4 * np.array(PYTHIA_RHO) + rng.normal(0, 0.03, 8))
entropy25 = r6(rng.uniform(1.0, 6.0, 25))
dev25 = r6(np.abs(np.array(gains25) - 1) + 0.01 * np.array(entropy25) + rng.normal(0, 0.01, 25))

TTEST = [
    ("gains25", gains25, 1.0), ("gains25_strong", gains25_strong, 1.0), ("gains_expand", gains_expand, 1.0),
    ("n2", [0.9, 1.2], 1.0), ("n3", [0.95, 0.99, 0.97], 1.0), ("mu0_0.5", gains_expand, 0.5),
    ("zero_var_above", [1.1] * 5, 1.0), ("zero_var_at_mu0", [1.0] * 4, 1.0), ("zero_var_0.1", [0.1] * 3, 1.0),
    ("n1", [0.9], 1.0),
]
PAIRS = [
    ("rho_vs_gain", PYTHIA_RHO, model_gains), ("entropy_vs_dev25", entropy25, dev25),
    ("n2", [0.125, 0.25], [1.02, 0.97]), ("n3", [0.125, 0.25, 0.4], [1.02, 0.97, 0.99]),
    ("perfect", [1, 2, 3, 4, 5], [3, 5, 7, 9, 11]), ("perfect_negative", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [1.2, 1.1, 1.0, 0.9, 0.8, 0.7]),
    ("negative_noisy", [1, 2, 3, 4, 5, 6, 7], [7.1, 5.9, 5.2, 3.8, 3.1, 2.2, 0.8]),
    ("zero_var_y", [0.1, 0.2, 0.3, 0.4], [1.0, 1.0, 1.0, 1.0]), ("zero_var_x", [0.25, 0.25, 0.25], [0.9, 1.0, 1.1]),
    ("ties", [1, 2, 2, 3, 4, 4, 4, 5, 6, 7], [2.0, 1.0, 3.0, 3.0, 5.0, 4.0, 6.0, 6.0, 8.0, 7.0]),
    ("ties_both", PYTHIA_RHO, [round(g, 2) for g in model_gains]),
    ("random12", r6(rng.normal(0, 1, 12)), r6(rng.normal(0, 1, 12))),
]


# --------------------------------------------------------------- computations
def describe_case(xs):
    a = np.array(xs, dtype=np.float64)
    return {"n": a.size, "mean": num(a.mean()), "stdSample": num(a.std(ddof=1)) if a.size > 1 else None,
            "stdPopulation": num(a.std(ddof=0)), "min": num(a.min()), "max": num(a.max())}


def ttest_case(xs, mu0, alt):
    res = stats.ttest_1samp(np.array(xs, dtype=np.float64), mu0, alternative=alt)
    return {"t": num(res.statistic), "p": num(res.pvalue), "df": num(res.df)}


def pearson_case(x, y, alt):
    res = stats.pearsonr(np.array(x, dtype=np.float64), np.array(y, dtype=np.float64), alternative=alt)
    return {"r": num(res.statistic), "p": num(res.pvalue)}


def spearman_case(x, y, alt):
    res = stats.spearmanr(np.array(x, dtype=np.float64), np.array(y, dtype=np.float64), alternative=alt)
    return {"rho": num(res.statistic), "p": num(res.pvalue),
            "ranksX": stats.rankdata(x).tolist(), "ranksY": stats.rankdata(y).tolist()}


def linregress_case(x, y, alt):
    res = stats.linregress(np.array(x, dtype=np.float64), np.array(y, dtype=np.float64), alternative=alt)
    return {"slope": num(res.slope), "intercept": num(res.intercept), "r": num(res.rvalue), "p": num(res.pvalue),
            "stderr": num(res.stderr), "interceptStderr": num(res.intercept_stderr)}


def main():
    out = {
        "source": "scripts/reference_stats.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "conventions": {
            "describe": "numpy: mean, std(ddof=1) as stdSample (null for n < 2), std(ddof=0) as stdPopulation",
            "ttest": "scipy.stats.ttest_1samp(xs, mu0, alternative=...)",
            "pearson": "scipy.stats.pearsonr(x, y, alternative=...)",
            "spearman": "scipy.stats.spearmanr(x, y, alternative=...); ranks are scipy.stats.rankdata (average ties)",
            "linregress": "scipy.stats.linregress(x, y, alternative=...)",
            "nan": "null; +-inf as the strings 'inf' / '-inf'; a scipy ValueError as {error}",
        },
        "describe": [{"name": n, "xs": xs, "expected": describe_case(xs)} for n, xs, _ in TTEST],
        "ttest": [{"name": n, "xs": xs, "mu0": mu0, "alternative": alt, "expected": guarded(lambda: ttest_case(xs, mu0, alt))}
                  for n, xs, mu0 in TTEST for alt in ALTS],
    }
    for key, fn in (("pearson", pearson_case), ("spearman", spearman_case), ("linregress", linregress_case)):
        out[key] = [{"name": n, "x": x, "y": y, "alternative": alt, "expected": guarded(lambda: fn(x, y, alt))}
                    for n, x, y in PAIRS for alt in ALTS]
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(REPO)}: " + ", ".join(f"{k} {len(out[k])}" for k in ("describe", "ttest", "pearson", "spearman", "linregress")))


if __name__ == "__main__":
    main()
