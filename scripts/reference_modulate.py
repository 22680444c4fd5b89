#!/usr/bin/env python3
"""Independent numpy (float64) reference for the Modulator lab -> fixtures/modulate.reference.json.

The lerp of seed 05 section 7, h'_i = (1 - alpha_i) h_i + alpha_i * target, applied to the stream entering
the chosen blocks, run through the numpy forwards of scripts/reference_llama2c.py (stories260K) and
scripts/reference_hf_tiny.py (hf-tiny gpt2, gpt_neox, llama; T5 with the encoder modulated and the
decoder run greedily on the modulated encoder output, as seed 05 section 11). Neither shares code with
the lab's ONNX graphs or onnxruntime.

Targets are rebuilt bit for bit on the TypeScript side from scripts/rng.py's mulberry32 stream:
  vector [d]:       Rng(seed).normals(d) * (norm / sqrt(d)), then float32
  table [vocab, d]: Rng(seed).normals(vocab * d) * (norm / sqrt(d)), row-major, then float32
where norm (stored, 6 significant digits) is the mean L2 norm of the unmodulated resid_pre over every
block and every prompt token, so a target row is about as long as the stream it is mixed with.
Per case: the greedy continuation (16 tokens, the whole sequence recomputed and modulated each step), the
final-norm output on the prompt (norms, last-token vector) and on the whole generated sequence, the seed's
impact measures on the prompt (original vs modulated final states), and the smallest top-1/top-2 logit
gap over the steps (how safe a float32 token-for-token match is).
Usage: python3 scripts/reference_modulate.py [shared_dir]
"""
import json
import math
import os
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import reference_hf_tiny as hf  # noqa: E402
import reference_llama2c as l2c  # noqa: E402
from rng import Rng  # noqa: E402

REPO = HERE.parent
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared"
OUT = REPO / "fixtures" / "modulate.reference.json"
N_NEW = 16
ALPHAS = [0.0, 0.05, 0.29154, 0.5]
VECTOR_SEED, TABLE_SEED = 1234, 4321
PROMPT_STORIES = "Once upon a time"


def sig(x, n=6):
    return float(f"{x:.{n - 1}e}")


def gaussian(seed, rows, d, norm):
    """[rows, d] (or [d] for rows=None) float32 values, widened back to float64 for the forward."""
    count = d if rows is None else rows * d
    x = (Rng(seed).normals(count) * (norm / math.sqrt(d))).astype(np.float32).astype(np.float64)
    return x if rows is None else x.reshape(rows, d)


def impact(orig, mod):
    """Seed 05 measure_modulator_impact on one sequence: orig, mod [S, d]."""
    on, mn = np.linalg.norm(orig, axis=1), np.linalg.norm(mod, axis=1)
    cos = (orig * mod).sum(1) / (np.maximum(on, 1e-8) * np.maximum(mn, 1e-8))
    ratio = mn / (on + 1e-8)
    out = {"cos_per_token": cos.tolist(), "norm_ratio": ratio.tolist(),
           "cos_mean": float(cos.mean()), "cos_std": float(cos.std()), "norm_ratio_mean": float(ratio.mean())}
    S = orig.shape[0]
    if S > 1:
        o = orig / np.maximum(on, 1e-12)[:, None]
        m = mod / np.maximum(mn, 1e-12)[:, None]
        iu = np.triu_indices(S, k=1)
        shift = (m @ m.T)[iu] - (o @ o.T)[iu]
        out.update(pairwise_shift_mean=float(shift.mean()), pairwise_shift_std=float(shift.std()))
    return out


def summary(x):
    return {"token_l2_norms": np.linalg.norm(x, axis=1).tolist(), "last_token": x[-1].tolist()}


def margin(logits):
    top = np.sort(logits)[-2:]
    return float(top[1] - top[0])


class Decoder:
    """A decoder-only model: forward(ids, modulate) -> {pre, final, logits}."""

    def __init__(self, name, fwd, n_layers, d, vocab, prompt):
        self.name, self.fwd, self.L, self.d, self.vocab, self.prompt = name, fwd, n_layers, d, vocab, prompt

    def run(self, modulate):
        seq, gaps = list(self.prompt), []
        for _ in range(N_NEW):
            lg = self.fwd(seq, modulate)["logits"][-1]
            gaps.append(margin(lg))
            seq.append(int(np.argmax(lg)))
        on_prompt = self.fwd(self.prompt, modulate)["final"]
        whole = self.fwd(seq[:-1], modulate)["final"]  # the states the last token was chosen from
        return {"generated": seq[len(self.prompt):], "final_prompt": on_prompt, "final_sequence": whole, "min_margin": min(gaps)}


def decoder_cases(model):
    base = model.fwd(model.prompt, None)
    norm = sig(float(np.mean([np.linalg.norm(p, axis=1).mean() for p in base["pre"]])))
    vec = gaussian(VECTOR_SEED, None, model.d, norm)
    table = gaussian(TABLE_SEED, model.vocab, model.d, norm)
    orig = model.run(None)
    cases = []
    specs = [(a, list(range(model.L)), "vector") for a in ALPHAS] + [(0.29154, [0, 2], "vector"), (0.29154, list(range(model.L)), "table")]
    for alpha, layers, kind in specs:
        tgt = vec if kind == "vector" else (lambda ids: table[np.asarray(ids)])
        r = model.run({i: (alpha, tgt) for i in layers})
        cases.append({
            "alpha": alpha, "layers": layers, "target": kind,
            "generated": r["generated"],
            "final_prompt": summary(r["final_prompt"]), "final_sequence": summary(r["final_sequence"]),
            "impact": impact(orig["final_prompt"], r["final_prompt"]),
            "token_differences": int(sum(a != b for a, b in zip(orig["generated"], r["generated"]))),
            "min_margin": r["min_margin"],
        })
    return {"prompt_ids": model.prompt, "n_layers": model.L, "d_model": model.d, "vocab": model.vocab,
            "target_norm": norm, "original": {"generated": orig["generated"], "final_prompt": summary(orig["final_prompt"]), "min_margin": orig["min_margin"]},
            "cases": cases}


def t5_cases(m):
    ids = [41, 202, 38, 148, 78]  # sequence 0 of the hf-tiny T5 reference
    L, d, V = m["cfg"]["num_layers"], m["cfg"]["d_model"], m["cfg"]["vocab_size"]
    base = hf.encode(m, ids)
    norm = sig(float(np.mean([np.linalg.norm(p, axis=1).mean() for p in base["pre"]])))
    vec = gaussian(VECTOR_SEED, None, d, norm)
    table = gaussian(TABLE_SEED, V, d, norm)

    def run(modulate):
        enc = hf.encode(m, ids, modulate)["final"]
        seq, gaps = [0], []
        for _ in range(N_NEW):
            lg = hf.decoder_forward(m, enc, seq)["logits"][-1]
            gaps.append(margin(lg))
            seq.append(int(np.argmax(lg)))
        return enc, seq[1:], min(gaps)

    o_enc, o_gen, o_gap = run(None)
    cases = []
    specs = [(a, list(range(L)), "vector") for a in ALPHAS] + [(0.29154, [1], "vector"), (0.29154, list(range(L)), "table")]
    for alpha, layers, kind in specs:
        tgt = vec if kind == "vector" else (lambda xs: table[np.asarray(xs)])
        enc, gen, gap = run({i: (alpha, tgt) for i in layers})
        cases.append({"alpha": alpha, "layers": layers, "target": kind, "generated": gen, "encoder_output": summary(enc),
                      "impact": impact(o_enc, enc), "token_differences": int(sum(a != b for a, b in zip(o_gen, gen))), "min_margin": gap})
    return {"encoder_ids": ids, "decoder_start_id": 0, "n_layers": L, "d_model": d, "vocab": V, "target_norm": norm,
            "original": {"generated": o_gen, "encoder_output": summary(o_enc), "min_margin": o_gap}, "cases": cases}


def main():
    cfg, W = l2c.load_checkpoint(SHARED / "models" / "llama2c" / "stories260K.bin")
    tok = l2c.load_tokenizer(SHARED / "models" / "llama2c" / "stories260K.tok512.bin")
    stories = Decoder("stories260K", lambda ids, mod: l2c.forward(cfg, W, ids, mod), cfg["n_layers"], cfg["dim"], cfg["vocab_size"],
                      l2c.encode(PROMPT_STORIES, tok))
    models = {"stories260K": decoder_cases(stories)}
    models["stories260K"]["prompt"] = PROMPT_STORIES
    for fam in ("gpt2", "gpt_neox", "llama"):
        m = hf.load(fam, str(SHARED))
        c = m["cfg"]
        d = c.get("n_embd") or c.get("hidden_size")
        prompt = json.load(open(SHARED / "fixtures" / "hf-tiny" / fam / "reference.json"))["sequences"][0]["input_ids"]
        models[fam] = decoder_cases(Decoder(fam, lambda ids, mod, m=m: hf.forward(m, ids, mod), hf.n_layers(m), d, c["vocab_size"], prompt))
        models[fam]["onnx"] = f"{fam}/opset17/model.onnx"
    models["t5"] = t5_cases(hf.load("t5", str(SHARED)))
    models["t5"]["onnx"] = "t5/opset17/decoder_model.onnx"

    fixture = l2c.round9({
        "source": {"script": "scripts/reference_modulate.py", "dtype": "float64", "numpy_version": np.__version__,
                   "lerp": "h' = (1 - alpha) h + alpha target at the stream entering each listed block",
                   "targets": {"vector": {"seed": VECTOR_SEED, "recipe": "Rng(seed).normals(d) * (target_norm / sqrt(d)) -> float32"},
                               "table": {"seed": TABLE_SEED, "recipe": "Rng(seed).normals(vocab * d) * (target_norm / sqrt(d)) -> float32, row-major [vocab, d]"}},
                   "final_states": "final-norm output (HF last hidden state; T5: the encoder output)",
                   "new_tokens": N_NEW},
        "models": models,
    })
    for name, mm in fixture["models"].items():
        gaps = [mm["original"]["min_margin"]] + [c["min_margin"] for c in mm["cases"]]
        diffs = [c["token_differences"] for c in mm["cases"]]
        print(f"{name:12s} target_norm {mm['target_norm']:.6g}; token differences by case {diffs}; smallest logit gap {min(gaps):.2e}")
        assert mm["cases"][0]["generated"] == mm["original"]["generated"], f"{name}: alpha = 0 changed the continuation"
        assert min(gaps) > 1e-4, f"{name}: a greedy step is too close to call in float32"
    OUT.write_text(l2c.dumps(fixture) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
