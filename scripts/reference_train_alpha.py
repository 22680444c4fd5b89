#!/usr/bin/env python3
"""Exact reference for the alpha training's loss and gradient (seed 05 section 9) -> fixtures/train-alpha.reference.json.

The lab trains the lerp modulator's per-layer alpha logits theta (alpha = sigmoid(theta)) on stories260K
with gradients by float32 central finite differences through onnxruntime (src/runtime/train-alpha.ts).
This script computes, for the same examples, the same target table and the same theta, the batch loss
(mean cross-entropy of the lemma token after the last input position, nats) in float64 and its EXACT
gradient with respect to theta by the complex step,
    dL/dtheta_k = Im L(theta + i h e_k) / h,   h = 1e-20,
through scripts/reference_llama2c.py's numpy forward itself (its hook puts the lerp with a complex alpha
before each block): every op there is analytic (matmuls, rmsnorm's sqrt of mean(x*x), exp, SiLU as
g / (1 + exp(-g))); softmax and log-sum-exp subtract the max of the REAL part, the causal mask sets
exp's argument to -inf (exp gives 0), and nothing takes abs() or compares a complex value. No subtraction of nearby values, so the gradient is
exact to float64 rounding for any h this small; a float64 central difference checks it here.

Independent of the lab's code: the tokenizer (reference_llama2c.encode), the 90/10 split and the epoch
shuffle (scripts/rng.py, the Python mirror of the lab's Rng), the forward and the loss. What it takes
from the lab (fixtures/train-alpha.inputs.json, written by UPDATE_TRAIN_ALPHA_INPUTS=1 npx vitest run
src/runtime/train-alpha.test.ts): the WordNet examples as text (lemma, definition, separator), the
lab's ids (checked equal to this script's), the two theta points, and the target table
(fixtures/train-alpha.table.f32le, float32 [vocab, d_model] little-endian): the check is about the
derivative, not the target.

T5 case (--t5; fixtures/train-alpha-t5.reference.json): the seed's own setting on the hf-tiny T5, UTF-8
bytes as ids. Encoder input "summarize: " + definition (first 128 bytes) with the lerp before each
ENCODER block; labels = the lemma's bytes then EOS (1); the decoder teacher-forced on [0, labels[:-1]];
loss = mean cross-entropy over every label token of the batch (the seed's flattened F.cross_entropy).
The forward is a complex-capable copy of scripts/reference_hf_tiny.py's encode / decoder_forward (its
weights, rms_norm, heads, lin and the relative-position buckets, which act on integers): softmax
shifted by the real part's max, the causal mask a large finite negative, relu decided on the real part
(np.where(x.real > 0, x, 0): exact for the complex step, which never moves the real part), and it is
checked against reference_hf_tiny (itself checked against PyTorch) at real alphas. Inputs from the lab:
fixtures/train-alpha-t5.inputs.json and fixtures/train-alpha-t5.table.f32le (UPDATE_TRAIN_ALPHA_T5_INPUTS=1
npx vitest run src/runtime/train-alpha-t5.test.ts); this script recomputes the ids and labels itself.
Usage: python3 scripts/reference_train_alpha.py [models_dir] [--stories | --t5]   (default: both)
"""
import json
import math
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import reference_hf_tiny as hf  # noqa: E402
import reference_llama2c as l2c  # noqa: E402
from rng import Rng  # noqa: E402

REPO = HERE.parent
ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
MODELS = Path(ARGS[0]) if ARGS else REPO.parent / "shared" / "models"
INPUTS = REPO / "fixtures" / "train-alpha.inputs.json"
OUT = REPO / "fixtures" / "train-alpha.reference.json"
T5_INPUTS = REPO / "fixtures" / "train-alpha-t5.inputs.json"
T5_OUT = REPO / "fixtures" / "train-alpha-t5.reference.json"
H_COMPLEX = 1e-20
H_FD64 = 1e-5
# T5's relu makes its loss only piecewise smooth: at theta = (logit 0.29154, logit 0.1) a relu input of
# the batch changes sign within 1e-5 of theta[0], and a central difference straddling that kink differs
# from the complex step (the derivative on theta's own piece) by 1e-6 of the largest entry; at 1e-6 the
# two agree to 1.5e-7 (roundoff ~1e-16 * 6 / h), at 1e-4 (below the kink) to 1e-9 at the other point.
H_FD64_T5 = 1e-6


def forward_last_logits(cfg, W, ids, alphas, table):
    """Logits after the last position of `ids`, with (1 - a_l) x + a_l table[ids] entering block l, through
    reference_llama2c.forward (analytic in x, so alphas may be complex: the complex step)."""
    target = table[np.asarray(ids)]
    return l2c.forward(cfg, W, ids, hook=lambda l, x: (1.0 - alphas[l]) * x + alphas[l] * target)["logits"][-1]


def cross_entropy(logits, label):
    m = logits.real.max()
    return m + np.log(np.exp(logits - m).sum()) - logits[label]


def batch_loss(cfg, W, examples, batch, theta, table):
    alphas = 1.0 / (1.0 + np.exp(-np.asarray(theta)))
    losses = [cross_entropy(forward_last_logits(cfg, W, examples[i]["ids"], alphas, table), examples[i]["label"]) for i in batch]
    return sum(losses) / len(losses), losses


def split_and_batch(n, seed, batch_size):
    """The 90/10 split and the first epoch's first batch with rng.py (the lab's Rng, bit for bit)."""
    rng = Rng(seed)
    perm = rng.permutation(n)
    n_train = int(math.floor(n * 0.9))
    train, val = perm[:n_train], perm[n_train:]
    epoch_perm = rng.permutation(len(train))
    return train, val, [train[i] for i in epoch_perm][:batch_size]


def gradient_points(loss_fn, thetas, h_fd64=H_FD64):
    """Loss, complex-step gradient and a float64 central difference at each theta; ok when they agree to 1e-6."""
    points, ok = [], True
    for theta in thetas:
        loss, per = loss_fn(np.array(theta, dtype=np.float64))
        loss, per = float(np.real(loss)), [float(np.real(p)) for p in per]
        grad, fd64 = [], []
        for k in range(len(theta)):
            tc = np.array(theta, dtype=np.complex128)
            tc[k] += 1j * H_COMPLEX
            grad.append(float(np.imag(loss_fn(tc)[0]) / H_COMPLEX))
            tp, tm = np.array(theta, dtype=np.float64), np.array(theta, dtype=np.float64)
            tp[k] += h_fd64
            tm[k] -= h_fd64
            fd64.append(float(np.real(loss_fn(tp)[0] - loss_fn(tm)[0]) / (2 * h_fd64)))
        err = max(abs(a - b) for a, b in zip(grad, fd64)) / max(abs(g) for g in grad)
        print(f"theta {np.round(theta, 4).tolist()}: loss {loss:.10f}, complex-step grad {np.array(grad)}, "
              f"float64 central difference (h {h_fd64}) agrees to {err:.1e} of the largest entry")
        ok &= err < 1e-6
        points.append({"theta": theta, "alphas": (1 / (1 + np.exp(-np.array(theta)))).tolist(), "loss": loss,
                       "per_example_loss": per, "grad": grad, "grad_fd64": fd64})
    return points, ok


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

    train, val, batch = split_and_batch(len(examples), inp["split_seed"], inp["batch_size"])
    points, ok_points = gradient_points(lambda th: batch_loss(cfg, W, examples, batch, th, table), inp["thetas"])
    ok &= ok_points

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


# ------------------------------------------------------------------ T5 (the seed's own setting)
def c_softmax(s):
    e = np.exp(s - s.real.max(-1, keepdims=True))  # shift by the real part only
    return e / e.sum(-1, keepdims=True)


def c_attend(q, k, v, bias, causal):
    """reference_hf_tiny.attend for complex q, k, v: T5 does not scale the scores; the mask is finite."""
    s = q @ k.transpose(0, 2, 1)
    if bias is not None:
        s = s + bias
    if causal:
        S, T = s.shape[1:]
        s = np.where(np.tril(np.ones((S, T), dtype=bool), T - S), s, -1e30)
    return (c_softmax(s) @ v).transpose(1, 0, 2).reshape(q.shape[1], -1)


def c_t5_attn(W, p, x, kv, nh, bias, causal):
    q, k, v = (hf.heads(hf.lin(W, p + n, src), nh) for n, src in (("q", x), ("k", kv), ("v", kv)))
    return hf.lin(W, p + "o", c_attend(q, k, v, bias, causal))


def c_t5_ff(W, p, x, eps):
    f = hf.rms_norm(x, W[p + "layer_norm.weight"], eps)
    g = hf.lin(W, p + "DenseReluDense.wi", f)
    return x + hf.lin(W, p + "DenseReluDense.wo", np.where(g.real > 0, g, 0))


def t5_logits(m, ids, dec_ids, alphas, table):
    """Decoder logits [len(dec_ids), V] of T5 with (1 - a_l) x + a_l table[ids] entering encoder block l."""
    c, W = m["cfg"], m["W"]
    nh, eps = c["num_heads"], c["layer_norm_epsilon"]
    bias = hf._t5_bias(m, "encoder", len(ids), len(ids), True)
    target = table[np.asarray(ids)]
    x = W["encoder.embed_tokens.weight"][ids].astype(np.complex128)
    for i in range(c["num_layers"]):
        x = (1.0 - alphas[i]) * x + alphas[i] * target
        p = f"encoder.block.{i}.layer."
        a = hf.rms_norm(x, W[p + "0.layer_norm.weight"], eps)
        x = c_t5_ff(W, p + "1.", x + c_t5_attn(W, p + "0.SelfAttention.", a, a, nh, bias, False), eps)
    enc = hf.rms_norm(x, W["encoder.final_layer_norm.weight"], eps)
    dbias = hf._t5_bias(m, "decoder", len(dec_ids), len(dec_ids), False)
    h = W["shared.weight"][dec_ids].astype(np.complex128)
    for i in range(c.get("num_decoder_layers") or c["num_layers"]):
        p = f"decoder.block.{i}.layer."
        a = hf.rms_norm(h, W[p + "0.layer_norm.weight"], eps)
        h = h + c_t5_attn(W, p + "0.SelfAttention.", a, a, nh, dbias, True)
        h = h + c_t5_attn(W, p + "1.EncDecAttention.", hf.rms_norm(h, W[p + "1.layer_norm.weight"], eps), enc, nh, None, False)
        h = c_t5_ff(W, p + "2.", h, eps)
    final = hf.rms_norm(h, W["decoder.final_layer_norm.weight"], eps)
    return (final * c["d_model"] ** -0.5) @ W["lm_head.weight"].T


def t5_batch_loss(m, examples, batch, theta, table, start_id):
    """Mean over every label token of the batch; per example the sum of its label tokens' cross-entropy."""
    alphas = 1.0 / (1.0 + np.exp(-np.asarray(theta)))
    total, count, per = 0.0, 0, []
    for i in batch:
        labels = examples[i]["labels"]
        lg = t5_logits(m, examples[i]["ids"], [start_id] + labels[:-1], alphas, table)
        ce = sum(cross_entropy(lg[t], y) for t, y in enumerate(labels))
        per.append(ce)
        total, count = total + ce, count + len(labels)
    return total / count, per


def main_t5():
    m = hf.load("t5", str(MODELS.parent))
    inp = json.loads(T5_INPUTS.read_text())
    V, D = inp["table"]["shape"]
    table = np.fromfile(REPO / inp["table"]["file"], dtype="<f4").astype(np.float64).reshape(V, D)
    eos, start = inp["eos_id"], inp["decoder_start_id"]
    ok = eos == m["cfg"]["eos_token_id"] and start == m["cfg"]["decoder_start_token_id"]
    print("EOS and decoder start equal the config's:", ok)

    # Ids and labels from UTF-8 bytes here; they must equal the lab's.
    examples = []
    for e in inp["examples"]:
        ids = list((inp["prefix"] + e["definition"]).encode("utf-8"))[: inp["max_tokens"]]
        lemma = list(e["lemma"].encode("utf-8"))
        ok &= len(lemma) == 1 and ids == e["ids"] and lemma + [eos] == e["labels"]
        examples.append({"ids": ids, "labels": lemma + [eos]})
    print("ids and labels equal the lab's:", ok)

    # The complex-capable copy equals reference_hf_tiny's forward (checked against PyTorch) at real alphas.
    worst = 0.0
    for i in range(3):
        ex, al = examples[i], [0.3, 0.7]
        mod = {l: (al[l], table[np.asarray(ex["ids"])]) for l in range(len(al))}
        dec_ids = [start] + ex["labels"][:-1]
        ref = hf.decoder_forward(m, hf.encode(m, ex["ids"], mod)["final"], dec_ids)["logits"]
        got = t5_logits(m, ex["ids"], dec_ids, np.array(al), table)
        worst = max(worst, float(np.max(np.abs(got - ref)) / np.max(np.abs(ref))))
    print(f"complex-capable T5 copy vs reference_hf_tiny at alphas (0.3, 0.7): worst relative logit difference {worst:.1e}")
    ok &= worst < 1e-12

    train, val, batch = split_and_batch(len(examples), inp["split_seed"], inp["batch_size"])
    points, ok_points = gradient_points(lambda th: t5_batch_loss(m, examples, batch, th, table, start), inp["thetas"], H_FD64_T5)
    ok &= ok_points
    fixture = {
        "source": {"script": "scripts/reference_train_alpha.py --t5", "dtype": "float64 (complex128 for the step)",
                   "numpy_version": np.__version__, "complex_step_h": H_COMPLEX, "fd64_h": H_FD64_T5, "inputs": "fixtures/train-alpha-t5.inputs.json",
                   "model": "hf-tiny t5 (opset17 weights via scripts/onnx_read.py)", "copy_vs_reference_hf_tiny": worst},
        "prefix": inp["prefix"],
        "loss": "mean cross-entropy over every label token of the batch; per_example_loss is each example's sum over its labels",
        "split": {"train": train, "val": val},
        "batch": batch,
        "points": points,
    }
    if not ok:
        print("T5 checks FAIL: fixture not written")
        return 1
    T5_OUT.write_text(json.dumps(fixture, indent=1) + "\n", encoding="utf-8")
    print(f"T5 checks PASS; wrote {T5_OUT.relative_to(REPO)} ({T5_OUT.stat().st_size} bytes): split {len(train)}/{len(val)}, batch {len(batch)}")
    return 0


if __name__ == "__main__":
    which = [a for a in sys.argv[1:] if a in ("--stories", "--t5")]
    rc = 0
    if not which or "--stories" in which:
        rc |= main()
    if not which or "--t5" in which:
        rc |= main_t5()
    sys.exit(rc)
