#!/usr/bin/env python3
"""Exact reference for the alpha training's loss and gradient (seed 05 section 9) -> fixtures/train-alpha.reference.json.

The lab trains the lerp modulator's per-layer alpha logits theta (alpha = sigmoid(theta)) on stories260K
with gradients by float32 central finite differences through onnxruntime (src/runtime/train-alpha.ts).
This script computes, for the same examples, the same target table and the same theta, the batch loss
(mean cross-entropy of the lemma token after the last input position, nats) in float64 and its EXACT
gradient with respect to theta by the complex step,
    dL/dtheta_k = Im L(theta + i h e_k) / h,   h = 1e-20,
through a complex-capable copy of scripts/reference_llama2c.py's numpy forward: every op is analytic
(matmuls, rmsnorm's sqrt of mean(x*x), exp, SiLU as g / (1 + exp(-g)), the lerp with a complex alpha);
softmax and log-sum-exp subtract the max of the REAL part, the causal mask is a large finite negative,
and nothing takes abs() or compares a complex value. No subtraction of nearby values, so the gradient is
exact to float64 rounding for any h this small; a float64 central difference checks it here.

Independent of the lab's code: the tokenizer (reference_llama2c.encode), the 90/10 split and the epoch
shuffle (scripts/rng.py, the Python mirror of the lab's Rng), the forward and the loss. What it takes
from the lab (fixtures/train-alpha.inputs.json, written by UPDATE_TRAIN_ALPHA_INPUTS=1 npx vitest run
src/runtime/train-alpha.test.ts): the WordNet examples as text (lemma, definition, separator), the
lab's ids (checked equal to this script's), the two theta points, and the target table
(fixtures/train-alpha.table.f32le, float32 [vocab, d_model] little-endian): the check is about the
derivative, not the target.
Usage: python3 scripts/reference_train_alpha.py [models_dir]
"""
import json
import math
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import reference_llama2c as l2c  # noqa: E402
from rng import Rng  # noqa: E402

REPO = HERE.parent
MODELS = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "models"
INPUTS = REPO / "fixtures" / "train-alpha.inputs.json"
OUT = REPO / "fixtures" / "train-alpha.reference.json"
H_COMPLEX = 1e-20
H_FD64 = 1e-5


def forward_last_logits(cfg, W, ids, alphas, table):
    """Logits after the last position of `ids`, with (1 - a_l) x + a_l table[ids] entering block l.

    alphas may be complex (the complex step); the arithmetic follows l2c.forward op for op.
    """
    S, L, nh, nkv = len(ids), cfg["n_layers"], cfg["n_heads"], cfg["n_kv_heads"]
    hd = cfg["dim"] // nh
    ang = np.arange(S)[:, None] * 10000.0 ** (-np.arange(0, hd, 2) / hd)[None, :]
    cos, sin = np.cos(ang)[:, None, :], np.sin(ang)[:, None, :]

    def rope(v):
        a, b = v[..., 0::2], v[..., 1::2]
        out = np.empty_like(v)
        out[..., 0::2], out[..., 1::2] = a * cos - b * sin, a * sin + b * cos
        return out

    def rmsnorm(x, w):  # x * x, not |x|^2: analytic in x
        return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + 1e-5) * w

    causal = np.tril(np.ones((S, S), dtype=bool))
    target = table[np.asarray(ids)]
    x = W["emb"][ids].astype(np.complex128)
    for l in range(L):
        a = alphas[l]
        x = (1.0 - a) * x + a * target
        h = rmsnorm(x, W["rms_att"][l])
        q = rope((h @ W["wq"][l].T).reshape(S, nh, hd))
        k = rope((h @ W["wk"][l].T).reshape(S, nkv, hd))
        v = (h @ W["wv"][l].T).reshape(S, nkv, hd)
        k, v = np.repeat(k, nh // nkv, axis=1), np.repeat(v, nh // nkv, axis=1)
        att = np.einsum("shd,thd->hst", q, k) / math.sqrt(hd)
        att = np.where(causal[None], att, -1e30)
        att = np.exp(att - att.real.max(-1, keepdims=True))  # shift by the real part only
        att = att / att.sum(-1, keepdims=True)
        x = x + np.einsum("hst,thd->shd", att, v).reshape(S, -1) @ W["wo"][l].T
        h = rmsnorm(x, W["rms_ffn"][l])
        g = h @ W["w1"][l].T
        x = x + ((g / (1 + np.exp(-g))) * (h @ W["w3"][l].T)) @ W["w2"][l].T
    final = rmsnorm(x[-1:], W["rms_final"])
    return (final @ W["wcls"].T)[0]


def cross_entropy(logits, label):
    m = logits.real.max()
    return m + np.log(np.exp(logits - m).sum()) - logits[label]


def batch_loss(cfg, W, examples, batch, theta, table):
    alphas = 1.0 / (1.0 + np.exp(-np.asarray(theta)))
    losses = [cross_entropy(forward_last_logits(cfg, W, examples[i]["ids"], alphas, table), examples[i]["label"]) for i in batch]
    return sum(losses) / len(losses), losses


def main():
    cfg, W = l2c.load_checkpoint(MODELS / "llama2c" / "stories260K.bin")
    tok = l2c.load_tokenizer(MODELS / "llama2c" / "stories260K.tok512.bin")
    inp = json.loads(INPUTS.read_text())
    V, D = inp["table"]["shape"]
    table = np.fromfile(REPO / inp["table"]["file"], dtype="<f4").astype(np.float64).reshape(V, D)
    ok = True

    # Ids from this script's own tokenizer; they must equal the lab's.
    examples = []
    for e in inp["examples"]:
        ids = l2c.encode(e["definition"] + inp["separator"], tok)
        lemma = l2c.encode(e["lemma"], tok)[1:]  # without BOS, as the lemma matching encodes
        ok &= ids == e["ids"] and lemma == [e["label"]]
        examples.append({"ids": ids, "label": lemma[0] if len(lemma) == 1 else -1})
    print("ids and labels equal the lab's:", ok)

    # The split and the first epoch's shuffle with rng.py (the lab's Rng, bit for bit).
    n = len(examples)
    rng = Rng(inp["split_seed"])
    perm = rng.permutation(n)
    n_train = int(math.floor(n * 0.9))
    train, val = perm[:n_train], perm[n_train:]
    epoch_perm = rng.permutation(len(train))
    batch = [train[i] for i in epoch_perm][: inp["batch_size"]]

    points = []
    for theta in inp["thetas"]:
        loss, per = batch_loss(cfg, W, examples, batch, theta, table)
        loss, per = float(np.real(loss)), [float(np.real(p)) for p in per]
        grad, fd64 = [], []
        for k in range(len(theta)):
            tc = np.array(theta, dtype=np.complex128)
            tc[k] += 1j * H_COMPLEX
            lc, _ = batch_loss(cfg, W, examples, batch, tc, table)
            grad.append(float(np.imag(lc) / H_COMPLEX))
            tp, tm = np.array(theta, dtype=np.float64), np.array(theta, dtype=np.float64)
            tp[k] += H_FD64
            tm[k] -= H_FD64
            fd64.append(float(np.real(batch_loss(cfg, W, examples, batch, tp, table)[0] - batch_loss(cfg, W, examples, batch, tm, table)[0]) / (2 * H_FD64)))
        err = max(abs(a - b) for a, b in zip(grad, fd64)) / max(abs(g) for g in grad)
        print(f"theta {np.round(theta, 4).tolist()}: loss {loss:.10f}, complex-step grad {np.array(grad)}, "
              f"float64 central difference (h {H_FD64}) agrees to {err:.1e} of the largest entry")
        ok &= err < 1e-6
        points.append({"theta": theta, "alphas": (1 / (1 + np.exp(-np.array(theta)))).tolist(), "loss": loss,
                       "per_example_loss": per, "grad": grad, "grad_fd64": fd64})

    fixture = {
        "source": {"script": "scripts/reference_train_alpha.py", "dtype": "float64 (complex128 for the step)",
                   "numpy_version": np.__version__, "complex_step_h": H_COMPLEX, "inputs": "fixtures/train-alpha.inputs.json"},
        "separator": inp["separator"],
        "split": {"train": train, "val": val},
        "batch": batch,
        "points": points,
    }
    if not ok:
        print("checks FAIL: fixture not written")
        return 1
    OUT.write_text(json.dumps(fixture, indent=1) + "\n", encoding="utf-8")
    print(f"checks PASS; wrote {OUT.relative_to(REPO)} ({OUT.stat().st_size} bytes): split {len(train)}/{len(val)}, batch {len(batch)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
