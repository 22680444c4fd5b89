#!/usr/bin/env python3
"""Independent reference for a residual-gain study -> fixtures/study.reference.json.

stories260K (numpy float64 forward from reference_llama2c.py) over seed 02's 25 prompts, read straight
from the seed notebook (/work/shared/seeds/02-*.md, TEST_PROMPTS, categories from its comments). Per
prompt: the three gains at the last token and as the mean over tokens of the per-token gain, total
amplification, entropy (nats). Aggregates with numpy (std ddof=1) and statistics with scipy:
ttest_1samp(G - 1, alternative='less'), pearsonr and spearmanr of entropy vs |G_block(L-1) - 1|.
Usage: python3 scripts/reference_study.py [shared_dir]   (default: ../shared next to the repo)
"""
import ast
import pathlib
import json
import os
import re
import sys

import numpy as np
import scipy
from scipy import stats

sys.path.insert(0, os.path.dirname(__file__))
import reference_llama2c as ref  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")


def seed02_prompts():
    text = open(next(os.path.join(SHARED, "seeds", f) for f in os.listdir(os.path.join(SHARED, "seeds")) if f.startswith("02-"))).read()
    block = re.search(r"TEST_PROMPTS = (\[.*?\n\])", text, re.S).group(1)
    prompts, category = [], None
    for line in block.splitlines():
        m = re.match(r"\s*#\s*(\w+)", line)
        if m:
            category = m.group(1)
        s = re.match(r'\s*(".*")\s*,?\s*$', line)
        if s:
            prompts.append({"text": ast.literal_eval(s.group(1)), "category": category})
    return prompts


def gains(fw, L):
    nrm = lambda a: np.linalg.norm(a, axis=-1)
    pre = [nrm(fw["pre"][i]) for i in range(L)]
    post = nrm(fw["post"][L - 1])
    per_tok = {
        "G_hf_last": nrm(fw["final"]) / pre[L - 1],
        "G_hf_penult": pre[L - 1] / pre[L - 2],
        "G_block_last": post / pre[L - 1],
        "total": post / pre[0],
    }
    blocks = [nrm(fw["post"][i]) / pre[i] for i in range(L)]
    return per_tok, blocks


def summary(rows, key):
    xs = np.array([r[key] for r in rows])
    return {"mean": float(xs.mean()), "std": float(xs.std(ddof=1)), "n": int(len(xs))}


def main():
    cfg, W = ref.load_checkpoint(pathlib.Path(SHARED, "models", "llama2c", "stories260K.bin"))
    tok = ref.load_tokenizer(pathlib.Path(SHARED, "models", "llama2c", "stories260K.tok512.bin"))
    L = cfg["n_layers"]
    prompts = seed02_prompts()
    out = {"source": {"script": "scripts/reference_study.py", "numpy": np.__version__, "scipy": scipy.__version__, "model": "stories260K (llama2.c)"}, "prompts": prompts, "positions": {}}
    for position in ("last", "mean"):
        rows = []
        for p in prompts:
            ids = ref.encode(p["text"], tok)
            fw = ref.forward(cfg, W, ids)
            per_tok, blocks = gains(fw, L)
            at = (lambda a: float(a[-1])) if position == "last" else (lambda a: float(np.mean(a)))
            logits = fw["logits"][-1]
            logp = logits - logits.max() - np.log(np.exp(logits - logits.max()).sum())
            row = {k: at(v) for k, v in per_tok.items()}
            row.update({"prompt": p["text"], "category": p["category"], "ids": ids, "G_block": [at(b) for b in blocks], "entropy_nats": float(-(np.exp(logp) * logp).sum())})
            rows.append(row)
        g = np.array([r["G_block_last"] for r in rows])
        ent = np.array([r["entropy_nats"] for r in rows])
        t = stats.ttest_1samp(g, 1.0, alternative="less")
        pr, sr = stats.pearsonr(ent, np.abs(g - 1)), stats.spearmanr(ent, np.abs(g - 1))
        cats = sorted({r["category"] for r in rows})
        out["positions"][position] = {
            "rows": rows,
            "summary": {k: summary(rows, k) for k in ("G_hf_last", "G_hf_penult", "G_block_last", "total", "entropy_nats")},
            "per_layer": [{"mean": float(np.mean([r["G_block"][i] for r in rows])), "std": float(np.std([r["G_block"][i] for r in rows], ddof=1))} for i in range(L)],
            "per_category": {c: summary([r for r in rows if r["category"] == c], "G_block_last") for c in cats},
            "ttest_G_block_last_less_1": {"t": float(t.statistic), "p": float(t.pvalue), "df": int(len(g) - 1)},
            "entropy_vs_abs_dev": {"pearson": {"r": float(pr.statistic), "p": float(pr.pvalue)}, "spearman": {"rho": float(sr.statistic), "p": float(sr.pvalue)}},
        }
    path = os.path.join(ROOT, "fixtures", "study.reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {path}: {len(prompts)} prompts, categories {sorted({p['category'] for p in prompts})}")


if __name__ == "__main__":
    main()
