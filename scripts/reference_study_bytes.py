#!/usr/bin/env python3
"""Independent reference for a residual-gain study of tokenizer-less models -> fixtures/study-bytes.reference.json.

The hf-tiny decoders (gpt2, gpt_neox, llama; numpy float64 forward from reference_hf_tiny.py) ship no
tokenizer, so a text prompt reaches them as its UTF-8 bytes, one id per byte, no BOS. Seed 02's 25
prompts are parsed exactly as scripts/reference_study.py does (its functions are imported), and every
per-prompt quantity, aggregate and statistic follows its conventions, so the TypeScript helpers that read
fixtures/study.reference.json read each model entry here too.

Context length: the hf-tiny models have 128 positions (GPT-2's learned table and the rotary caches in the
ONNX graphs stop there) and 7 of the 25 prompts are longer than 128 bytes. Such a prompt keeps its LAST
128 bytes (left truncation: the next-token distribution and the last-token gains depend on the end of the
prompt). Each row records the prompt's byte length and whether it was truncated; `ids` is what was fed.

Schema (float64 values, unrounded):
  source: {script, numpy, scipy, ids: 'utf8-bytes', truncation: 'keep-last', models: [...]}
  prompts: [{text, category}]                  seed 02's 25 prompts, in order
  models: {'hf-tiny-gpt2' | 'hf-tiny-gpt_neox' | 'hf-tiny-llama': {
    arch: {family, n_layers, d_model, n_heads, n_kv_heads, d_head, rho, norm, parallel_residual, max_positions, vocab_size},
    positions: {'last' | 'mean': {               the same object as study.reference.json's positions[p], plus:
      rows: [{G_hf_last, G_hf_penult, G_block_last, total, prompt, category, ids, G_block [L], entropy_nats,
              top_id, top_prob, n_bytes, truncated}]
      summary: {G_hf_last|G_hf_penult|G_block_last|total|entropy_nats: {mean, std (ddof 1), n}}
      per_layer: [L x {mean, std}]               G_block(i) over prompts
      per_category: {category: {mean, std, n}}   G_block(L-1)
      ttest_G_block_last_less_1: {t, p, df}      scipy ttest_1samp(G, 1, alternative='less')
      ttest_G_block_last_greater_1: {t, p, df}   alternative='greater'
      entropy_vs_abs_dev: {pearson: {r, p}, spearman: {rho, p}}   entropy vs |G_block(L-1) - 1|, two-sided
      by_definition: {G_hf_last|G_hf_penult|G_block_last: {ttest_less_1, ttest_greater_1, entropy_vs_abs_dev}}}}}}
  rho_regression: {'last' | 'mean': {G_hf_last|G_hf_penult|G_block_last|total: {
    points: [{model, rho, mean, std, n}],        stories260K (rows recomputed, checked against study.reference.json) + the three above
    slope, intercept, r, p, stderr, intercept_stderr}}}   scipy linregress(rho, mean G), two-sided p
Entropy (nats), top id and its probability are at the last token for both positions, as in study.reference.json.
Usage: python3 scripts/reference_study_bytes.py [shared_dir]   (default: ../shared next to the repo)
"""
import json
import os
import pathlib
import sys

import numpy as np
import scipy
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_hf_tiny as hf  # noqa: E402
import reference_llama2c as llama2c  # noqa: E402
import reference_study as rs  # noqa: E402  (reads the shared dir from sys.argv[1], as this script does)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = rs.SHARED
MODELS = {"hf-tiny-gpt2": "gpt2", "hf-tiny-gpt_neox": "gpt_neox", "hf-tiny-llama": "llama"}
GAINS = ("G_hf_last", "G_hf_penult", "G_block_last")


def byte_ids(text, max_len):
    """UTF-8 bytes as ids, no BOS; longer prompts keep their last max_len bytes."""
    b = list(text.encode("utf-8"))
    return b[-max_len:]


def arch(family, cfg):
    c = lambda *ks: next(cfg[k] for k in ks if cfg.get(k) is not None)  # noqa: E731
    d, nh = c("n_embd", "hidden_size"), c("n_head", "num_attention_heads")
    return {"family": family, "n_layers": c("n_layer", "num_hidden_layers"), "d_model": d, "n_heads": nh,
            "n_kv_heads": cfg.get("num_key_value_heads", nh), "d_head": d // nh, "rho": nh / (d // nh),
            "norm": "RMSNorm" if family == "llama" else "LayerNorm", "parallel_residual": family == "gpt_neox",
            "max_positions": c("n_positions", "max_position_embeddings"), "vocab_size": cfg["vocab_size"]}


def prompt_row(fw, L, position, extra):
    """reference_study's row: gains at the last token or the mean over tokens; entropy and top at the last token."""
    per_tok, blocks = rs.gains(fw, L)
    at = (lambda a: float(a[-1])) if position == "last" else (lambda a: float(np.mean(a)))
    logits = fw["logits"][-1]
    logp = logits - logits.max() - np.log(np.exp(logits - logits.max()).sum())
    row = {k: at(v) for k, v in per_tok.items()}
    row.update(extra)
    row.update({"G_block": [at(b) for b in blocks], "entropy_nats": float(-(np.exp(logp) * logp).sum()),
                "top_id": int(np.argmax(logits)), "top_prob": float(np.exp(logp.max()))})
    return row


def tests(g, ent):
    """One-sided t-tests of G against 1 and entropy vs |G - 1| (Pearson, Spearman), scipy's conventions."""
    tl, tg = (stats.ttest_1samp(g, 1.0, alternative=a) for a in ("less", "greater"))
    pr, sr = stats.pearsonr(ent, np.abs(g - 1)), stats.spearmanr(ent, np.abs(g - 1))
    tt = lambda t: {"t": float(t.statistic), "p": float(t.pvalue), "df": int(len(g) - 1)}  # noqa: E731
    return {"ttest_less_1": tt(tl), "ttest_greater_1": tt(tg),
            "entropy_vs_abs_dev": {"pearson": {"r": float(pr.statistic), "p": float(pr.pvalue)},
                                   "spearman": {"rho": float(sr.statistic), "p": float(sr.pvalue)}}}


def position_block(rows, L):
    """The aggregates and statistics of study.reference.json's positions[p], from the rows."""
    ent = np.array([r["entropy_nats"] for r in rows])
    by_def = {k: tests(np.array([r[k] for r in rows]), ent) for k in GAINS}
    cats = sorted({r["category"] for r in rows})
    g_last = by_def["G_block_last"]
    return {
        "rows": rows,
        "summary": {k: rs.summary(rows, k) for k in ("G_hf_last", "G_hf_penult", "G_block_last", "total", "entropy_nats")},
        "per_layer": [{"mean": float(np.mean([r["G_block"][i] for r in rows])), "std": float(np.std([r["G_block"][i] for r in rows], ddof=1))} for i in range(L)],
        "per_category": {c: rs.summary([r for r in rows if r["category"] == c], "G_block_last") for c in cats},
        "ttest_G_block_last_less_1": g_last["ttest_less_1"],
        "ttest_G_block_last_greater_1": g_last["ttest_greater_1"],
        "entropy_vs_abs_dev": g_last["entropy_vs_abs_dev"],
        "by_definition": by_def,
    }


def stories260k_rows(prompts, position):
    """stories260K's rows with reference_study's tokenizer and forward, checked against study.reference.json."""
    d = pathlib.Path(SHARED, "models", "llama2c")
    cfg, W = llama2c.load_checkpoint(d / "stories260K.bin")
    tok = llama2c.load_tokenizer(d / "stories260K.tok512.bin")
    rows = []
    for p in prompts:
        ids = llama2c.encode(p["text"], tok)
        rows.append(prompt_row(llama2c.forward(cfg, W, ids), cfg["n_layers"], position, {"prompt": p["text"], "category": p["category"], "ids": ids}))
    committed = json.load(open(os.path.join(ROOT, "fixtures", "study.reference.json")))["positions"][position]["rows"]
    for r, c in zip(rows, committed, strict=True):
        for k in ("G_hf_last", "G_hf_penult", "G_block_last", "total", "entropy_nats"):
            assert abs(r[k] - c[k]) <= 1e-12 * abs(c[k]), f"stories260K {k} differs from study.reference.json: regenerate it"
    rho = cfg["n_heads"] / (cfg["dim"] // cfg["n_heads"])
    return rows, rho


def regression(points):
    x, y = np.array([p["rho"] for p in points]), np.array([p["mean"] for p in points])
    f = stats.linregress(x, y)
    return {"points": points, "slope": float(f.slope), "intercept": float(f.intercept), "r": float(f.rvalue),
            "p": float(f.pvalue), "stderr": float(f.stderr), "intercept_stderr": float(f.intercept_stderr)}


def main():
    prompts = rs.seed02_prompts()
    out = {"source": {"script": "scripts/reference_study_bytes.py", "numpy": np.__version__, "scipy": scipy.__version__,
                      "ids": "utf8-bytes", "truncation": "keep-last", "models": list(MODELS)},
           "prompts": prompts, "models": {}, "rho_regression": {}}
    loaded = {name: hf.load(fam, SHARED) for name, fam in MODELS.items()}
    for name, m in loaded.items():
        a = arch(m["family"], m["cfg"])
        assert a["vocab_size"] >= 256, "byte ids need a vocabulary of at least 256"
        fws = []
        for p in prompts:
            ids = byte_ids(p["text"], a["max_positions"])
            fws.append((p, ids, hf.forward(m, ids)))
        out["models"][name] = {"arch": a, "positions": {}}
        for position in ("last", "mean"):
            rows = [prompt_row(fw, a["n_layers"], position, {"prompt": p["text"], "category": p["category"], "ids": ids,
                                                             "n_bytes": len(p["text"].encode("utf-8")), "truncated": len(ids) < len(p["text"].encode("utf-8"))})
                    for p, ids, fw in fws]
            out["models"][name]["positions"][position] = position_block(rows, a["n_layers"])
    for position in ("last", "mean"):
        s_rows, s_rho = stories260k_rows(prompts, position)
        out["rho_regression"][position] = {}
        for k in GAINS + ("total",):
            pts = [{"model": "stories260K", "rho": s_rho, **rs.summary(s_rows, k)}]
            pts += [{"model": name, "rho": e["arch"]["rho"], **rs.summary(e["positions"][position]["rows"], k)} for name, e in out["models"].items()]
            out["rho_regression"][position][k] = {**regression([{"model": p["model"], "rho": p["rho"], "mean": p["mean"], "std": p["std"], "n": p["n"]} for p in pts])}
    path = os.path.join(ROOT, "fixtures", "study-bytes.reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    n_trunc = sum(r["truncated"] for r in out["models"]["hf-tiny-gpt2"]["positions"]["last"]["rows"])
    print(f"wrote {path} ({os.path.getsize(path)} bytes): {len(prompts)} prompts, {n_trunc} truncated to their last 128 bytes")
    for name, e in out["models"].items():
        s = e["positions"]["last"]["summary"]
        print(f"  {name:17s} rho {e['arch']['rho']:.3f}  last-token G_block(L-1) {s['G_block_last']['mean']:.4f} +- {s['G_block_last']['std']:.4f}  G_hf_last {s['G_hf_last']['mean']:.3f}")
    rr = out["rho_regression"]["last"]["G_block_last"]
    print(f"  rho regression (last token, G_block(L-1)): slope {rr['slope']:.4f} intercept {rr['intercept']:.4f} r {rr['r']:.4f} p {rr['p']:.4g}")


if __name__ == "__main__":
    main()
