#!/usr/bin/env python3
"""Independent numpy (float64) forward passes for the hf-tiny fixtures (GPT-2, GPT-NeoX, Llama, T5).

Weights are read from the ONNX files with scripts/onnx_read.py (no onnx / onnxruntime / torch) and the
math is written from the transformers 4.36 modeling code, so the lab's onnxruntime numbers can be checked
against something that shares neither its graph nor its runtime. Run as a script, it checks every
family against the PyTorch references shipped with the fixtures and asserts the worst relative error.

API (float64 numpy; a sequence of S token ids; d = d_model, V = vocab, L = blocks):
  load(family, shared_dir) -> model            family in 'gpt2', 'gpt_neox', 'llama', 't5'
  forward(model, ids, modulate=None) -> {pre, post, mid, final, logits}     decoder-only families
  encode(model, ids, modulate=None) -> {pre, post, mid, final}              T5 encoder
  decoder_forward(model, enc_out, dec_ids, modulate=None) -> {pre, post, mid, final, logits}   T5 decoder
  decode_greedy(model, enc_out, n_tokens, start_id=0) -> [n_tokens generated ids] (start id not included)
  generate_greedy(model, ids, n_tokens, modulate=None) -> [n_tokens generated ids]   decoder-only
Fields: pre[i] [S, d] = resid_pre of block i (after the modulation, if block i is modulated); post[i]
[S, d] = resid_post of block i; mid[i] = list of [S, d] residuals after each sub-layer add except the last
(gpt2/llama/T5 encoder: [after attention]; T5 decoder: [after self-, after cross-attention]; gpt_neox,
parallel: []); final [S, d] = the final norm's output (HF hidden_states[L]); logits [S, V].
modulate: {block i: (alpha, target)} replaces resid_pre(i) by (1 - alpha) * h + alpha * target before
block i runs; target is [S, d] or [d] (broadcast), or a callable ids -> such an array (what a
per-vocabulary table gathered by token id needs during generation).
Usage: python3 scripts/reference_hf_tiny.py [shared_dir] [--write]   (default: ../shared next to the repo;
--write also writes fixtures/hf-tiny-forward.check.json, the summary of this check)
"""
import json
import math
import os
import sys

import numpy as np
from scipy.special import erf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from onnx_read import read_onnx  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAMILIES = ("gpt2", "gpt_neox", "llama", "t5")
NEG = -np.inf  # HF adds finfo.min; every causal row keeps at least one key, so -inf gives the same softmax


# ------------------------------------------------------------------ weights
def onnx_weights(path):
    """HF parameter name -> float64 array, from one ONNX file.

    Named initializers keep their names, also when torch deduplicated them behind an Identity node (the
    Identity's output carries the HF name). Constant-folded Linear weights (`onnx::MatMul_NNN`, stored
    transposed as [in, out]) are named from the MatMul node's module path and returned as HF's [out, in].
    """
    nodes, inits = read_onnx(path)
    out = {}

    def put(name, arr):
        assert name not in out or np.array_equal(out[name], arr), f"{path}: two values for {name}"
        out[name] = np.asarray(arr, dtype=np.float64)

    alias = {n["output"][0]: n["input"][0] for n in nodes if n["op_type"] == "Identity" and n["input"][0] in inits}
    for alias_name, src in alias.items():
        put(alias_name, inits[src])
    for n in nodes:
        for x in n["input"]:
            if x not in inits:
                continue
            if not x.startswith("onnx::"):
                put(x, inits[x])
            elif n["op_type"] == "MatMul" and x == n["input"][1]:
                module = n["name"].strip("/").rsplit("/", 1)[0].replace("/", ".")
                put(module + ".weight", inits[x].T)
            else:
                raise ValueError(f"{path}: unnamed initializer {x} feeds {n['op_type']} {n['name']}")
    return out


def load(family, shared_dir, opset=17):
    """Config and weights of one hf-tiny family; T5 merges encoder ('encoder.' prefix) and decoder graphs."""
    base = os.path.join(shared_dir, "fixtures", "hf-tiny", family)
    cfg = json.load(open(os.path.join(base, "config.json")))
    if family == "t5":
        enc = onnx_weights(os.path.join(base, f"opset{opset}", "encoder_model.onnx"))
        W = {"encoder." + k: v for k, v in enc.items()}
        W.update(onnx_weights(os.path.join(base, f"opset{opset}", "decoder_model.onnx")))
    else:
        W = onnx_weights(os.path.join(base, f"opset{opset}", "model.onnx"))
    return {"family": family, "cfg": cfg, "W": W}


# ------------------------------------------------------------------ pieces
def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def rms_norm(x, w, eps):
    """LlamaRMSNorm and T5LayerNorm: no mean subtraction, no bias."""
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + eps) * w


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def attend(q, k, v, scale, bias=None, causal=True):
    """q [H, S, dh], k/v [H, T, dh] -> [S, H*dh]; bias [H, S, T] is added to the scaled scores."""
    s = q @ k.transpose(0, 2, 1) * scale
    if bias is not None:
        s = s + bias
    if causal:
        S, T = s.shape[1:]
        s = np.where(np.tril(np.ones((S, T), dtype=bool), T - S), s, NEG)
    o = softmax(s) @ v
    return o.transpose(1, 0, 2).reshape(q.shape[1], -1)


def heads(x, n):
    """[S, n*dh] -> [n, S, dh]"""
    return x.reshape(x.shape[0], n, -1).transpose(1, 0, 2)


def rope(x, rot, base):
    """rotate_half RoPE on the first `rot` dims of every head, x [H, S, dh], positions 0..S-1."""
    inv = 1.0 / base ** (np.arange(0, rot, 2) / rot)
    f = np.outer(np.arange(x.shape[1]), inv)
    emb = np.concatenate([f, f], -1)
    cos, sin = np.cos(emb), np.sin(emb)
    xr, xp = x[..., :rot], x[..., rot:]
    half = rot // 2
    rotated = np.concatenate([-xr[..., half:], xr[..., :half]], -1)
    return np.concatenate([xr * cos + rotated * sin, xp], -1)


def gelu_new(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def gelu_exact(x):
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def lin(W, name, x):
    """nn.Linear (weight [out, in]) with its bias when the graph has one."""
    y = x @ W[name + ".weight"].T
    b = W.get(name + ".bias")
    return y if b is None else y + b


# ------------------------------------------------------------------ decoder-only blocks
def _gpt2_block(m, i, h):
    c, W, p = m["cfg"], m["W"], f"transformer.h.{i}."
    nh, eps = c["n_head"], c["layer_norm_epsilon"]
    a = layer_norm(h, W[p + "ln_1.weight"], W[p + "ln_1.bias"], eps)
    qkv = a @ W[p + "attn.c_attn.weight"] + W[p + "attn.c_attn.bias"]  # Conv1D: weight [in, out]
    q, k, v = (heads(t, nh) for t in np.split(qkv, 3, -1))
    att = attend(q, k, v, 1.0 / math.sqrt(q.shape[-1]))
    mid = h + att @ W[p + "attn.c_proj.weight"] + W[p + "attn.c_proj.bias"]
    f = layer_norm(mid, W[p + "ln_2.weight"], W[p + "ln_2.bias"], eps)
    f = gelu_new(f @ W[p + "mlp.c_fc.weight"] + W[p + "mlp.c_fc.bias"])
    return mid + f @ W[p + "mlp.c_proj.weight"] + W[p + "mlp.c_proj.bias"], [mid]


def _neox_block(m, i, h):
    c, W, p = m["cfg"], m["W"], f"gpt_neox.layers.{i}."
    nh, eps = c["num_attention_heads"], c["layer_norm_eps"]
    a = layer_norm(h, W[p + "input_layernorm.weight"], W[p + "input_layernorm.bias"], eps)
    qkv = lin(W, p + "attention.query_key_value", a).reshape(h.shape[0], nh, -1).transpose(1, 0, 2)
    dh = qkv.shape[-1] // 3  # per head [q | k | v], interleaved by head
    q, k, v = qkv[..., :dh], qkv[..., dh:2 * dh], qkv[..., 2 * dh:]
    rot = int(dh * c["rotary_pct"])
    q, k = rope(q, rot, c["rotary_emb_base"]), rope(k, rot, c["rotary_emb_base"])
    att = lin(W, p + "attention.dense", attend(q, k, v, 1.0 / math.sqrt(dh)))
    f = layer_norm(h, W[p + "post_attention_layernorm.weight"], W[p + "post_attention_layernorm.bias"], eps)
    mlp = lin(W, p + "mlp.dense_4h_to_h", gelu_exact(lin(W, p + "mlp.dense_h_to_4h", f)))
    # Parallel residual: both branches read the block input; there is no mid point.
    return mlp + att + h, []


def _llama_block(m, i, h):
    c, W, p = m["cfg"], m["W"], f"model.layers.{i}."
    nh, nkv, eps = c["num_attention_heads"], c["num_key_value_heads"], c["rms_norm_eps"]
    a = rms_norm(h, W[p + "input_layernorm.weight"], eps)
    q = heads(lin(W, p + "self_attn.q_proj", a), nh)
    k = heads(lin(W, p + "self_attn.k_proj", a), nkv)
    v = heads(lin(W, p + "self_attn.v_proj", a), nkv)
    dh = q.shape[-1]
    q, k = rope(q, dh, c["rope_theta"]), rope(k, dh, c["rope_theta"])
    k, v = np.repeat(k, nh // nkv, 0), np.repeat(v, nh // nkv, 0)  # repeat_kv: query head j reads kv head j // n_rep
    mid = h + lin(W, p + "self_attn.o_proj", attend(q, k, v, 1.0 / math.sqrt(dh)))
    f = rms_norm(mid, W[p + "post_attention_layernorm.weight"], eps)
    g, u = lin(W, p + "mlp.gate_proj", f), lin(W, p + "mlp.up_proj", f)
    return mid + lin(W, p + "mlp.down_proj", g / (1.0 + np.exp(-g)) * u), [mid]


def _embed(m, ids):
    W = m["W"]
    if m["family"] == "gpt2":
        return W["transformer.wte.weight"][ids] + W["transformer.wpe.weight"][np.arange(len(ids))]
    return W["gpt_neox.embed_in.weight" if m["family"] == "gpt_neox" else "model.embed_tokens.weight"][ids]


def _head(m, h):
    c, W, fam = m["cfg"], m["W"], m["family"]
    if fam == "gpt2":
        final = layer_norm(h, W["transformer.ln_f.weight"], W["transformer.ln_f.bias"], c["layer_norm_epsilon"])
        return final, final @ W["lm_head.weight"].T
    if fam == "gpt_neox":
        final = layer_norm(h, W["gpt_neox.final_layer_norm.weight"], W["gpt_neox.final_layer_norm.bias"], c["layer_norm_eps"])
        return final, final @ W["embed_out.weight"].T
    final = rms_norm(h, W["model.norm.weight"], c["rms_norm_eps"])
    return final, final @ W["lm_head.weight"].T


_BLOCKS = {"gpt2": _gpt2_block, "gpt_neox": _neox_block, "llama": _llama_block}


def _lerp(h, ids, alpha, target):
    t = target(ids) if callable(target) else target
    return (1.0 - alpha) * h + alpha * np.asarray(t, dtype=np.float64)


def _run(h, ids, L, block, modulate):
    pre, post, mid = [], [], []
    for i in range(L):
        if modulate and i in modulate:
            h = _lerp(h, ids, *modulate[i])
        pre.append(h)
        h, mids = block(i, h)
        mid.append(mids)
        post.append(h)
    return pre, post, mid


def n_layers(m):
    c = m["cfg"]
    return c.get("n_layer") or c.get("num_hidden_layers") or c["num_layers"]


def forward(m, ids, modulate=None):
    """Decoder-only forward of ids (positions 0..S-1, no padding); see the module doc for the fields."""
    ids = list(ids)
    n_pos = m["cfg"].get("n_positions") or m["cfg"]["max_position_embeddings"]
    if len(ids) > n_pos:  # GPT-2's position table and the graphs' rotary caches end there
        raise ValueError(f"{len(ids)} ids; {m['family']} has {n_pos} positions")
    pre, post, mid = _run(_embed(m, ids), ids, n_layers(m), lambda i, h: _BLOCKS[m["family"]](m, i, h), modulate)
    final, logits = _head(m, post[-1])
    return {"pre": pre, "post": post, "mid": mid, "final": final, "logits": logits}


def generate_greedy(m, ids, n_tokens, modulate=None):
    """Greedy continuation, recomputing the whole sequence per step (every position is modulated)."""
    seq = list(ids)
    for _ in range(n_tokens):
        seq.append(int(np.argmax(forward(m, seq, modulate)["logits"][-1])))
    return seq[len(ids):]


# ------------------------------------------------------------------ T5
def t5_buckets(q_len, k_len, bidirectional, num_buckets, max_distance):
    """T5Attention._relative_position_bucket of (key - query) [q, k]; the log branch in float32, as transformers computes it."""
    rel = np.arange(k_len)[None, :] - np.arange(q_len)[:, None]
    buckets = np.zeros_like(rel)
    if bidirectional:
        num_buckets //= 2
        buckets += (rel > 0) * num_buckets
        rel = np.abs(rel)
    else:
        rel = -np.minimum(rel, 0)
    max_exact = num_buckets // 2
    safe = np.maximum(rel, max_exact).astype(np.float32)  # the small branch is taken below max_exact anyway
    large = np.log(safe / np.float32(max_exact)) / np.float32(math.log(max_distance / max_exact))
    large = (large * np.float32(num_buckets - max_exact)).astype(np.int64) + max_exact
    large = np.minimum(large, num_buckets - 1)
    return buckets + np.where(rel < max_exact, rel, large)


def _t5_attn(W, p, x, kv, nh, bias, causal):
    q, k, v = (heads(lin(W, p + n, src), nh) for n, src in (("q", x), ("k", kv), ("v", kv)))
    return lin(W, p + "o", attend(q, k, v, 1.0, bias, causal))  # T5 does not scale the scores


def _t5_ff(W, p, x, eps):
    f = rms_norm(x, W[p + "layer_norm.weight"], eps)
    return x + lin(W, p + "DenseReluDense.wo", np.maximum(lin(W, p + "DenseReluDense.wi", f), 0.0))


def _t5_bias(m, stack, q_len, k_len, bidirectional):
    """[H, q, k] position bias of the stack's first layer; every layer of the stack reuses it."""
    c = m["cfg"]
    b = t5_buckets(q_len, k_len, bidirectional, c["relative_attention_num_buckets"], c["relative_attention_max_distance"])
    return m["W"][f"{stack}.block.0.layer.0.SelfAttention.relative_attention_bias.weight"][b].transpose(2, 0, 1)


def encode(m, ids, modulate=None):
    """T5 encoder (bidirectional self-attention, relative position bias); final = encoder output."""
    c, W, ids = m["cfg"], m["W"], list(ids)
    nh, eps, S = c["num_heads"], c["layer_norm_epsilon"], len(ids)
    bias = _t5_bias(m, "encoder", S, S, True)

    def block(i, h):
        p = f"encoder.block.{i}.layer."
        a = rms_norm(h, W[p + "0.layer_norm.weight"], eps)
        mid = h + _t5_attn(W, p + "0.SelfAttention.", a, a, nh, bias, False)
        return _t5_ff(W, p + "1.", mid, eps), [mid]

    pre, post, mid = _run(W["encoder.embed_tokens.weight"][ids], ids, c["num_layers"], block, modulate)
    return {"pre": pre, "post": post, "mid": mid, "final": rms_norm(post[-1], W["encoder.final_layer_norm.weight"], eps)}


def decoder_forward(m, enc_out, dec_ids, modulate=None):
    """T5 decoder, teacher-forced on dec_ids over encoder output enc_out [S_enc, d]; tied head scaled by d**-0.5."""
    c, W, dec_ids = m["cfg"], m["W"], list(dec_ids)
    nh, eps, T = c["num_heads"], c["layer_norm_epsilon"], len(dec_ids)
    bias = _t5_bias(m, "decoder", T, T, False)
    L = c.get("num_decoder_layers") or c["num_layers"]

    def block(i, h):
        p = f"decoder.block.{i}.layer."
        a = rms_norm(h, W[p + "0.layer_norm.weight"], eps)
        mid1 = h + _t5_attn(W, p + "0.SelfAttention.", a, a, nh, bias, True)
        x = rms_norm(mid1, W[p + "1.layer_norm.weight"], eps)
        mid2 = mid1 + _t5_attn(W, p + "1.EncDecAttention.", x, enc_out, nh, None, False)  # no position bias
        return _t5_ff(W, p + "2.", mid2, eps), [mid1, mid2]

    pre, post, mid = _run(W["shared.weight"][dec_ids], dec_ids, L, block, modulate)
    final = rms_norm(post[-1], W["decoder.final_layer_norm.weight"], eps)
    logits = (final * c["d_model"] ** -0.5) @ W["lm_head.weight"].T
    return {"pre": pre, "post": post, "mid": mid, "final": final, "logits": logits}


def decode_greedy(m, enc_out, n_tokens, start_id=0):
    """Greedy decoding from start_id; returns the n_tokens generated ids (start id excluded)."""
    seq = [start_id]
    for _ in range(n_tokens):
        seq.append(int(np.argmax(decoder_forward(m, enc_out, seq)["logits"][-1])))
    return seq[1:]


# ------------------------------------------------------------------ check against the PyTorch references
TOL = 2e-6  # float32 references rounded to 8 significant digits; see the printed figures


class Errors:
    """Worst relative error per quantity: token norms elementwise, vectors as max|a - r| / max|r|."""

    def __init__(self):
        self.worst, self.n = {}, 0

    def add(self, key, err):
        self.worst[key] = max(self.worst.get(key, 0.0), float(err))
        self.n += 1

    def tensor(self, key, x, ref):
        nrm = np.linalg.norm(x, axis=-1)
        self.add(key + ".token_l2_norms", np.max(np.abs(nrm - ref["token_l2_norms"]) / np.abs(ref["token_l2_norms"])))
        self.vector(key + ".last_token", x[-1], ref["last_token"])

    def vector(self, key, x, ref):
        ref = np.asarray(ref, dtype=np.float64)
        self.add(key, np.max(np.abs(x - ref)) / np.max(np.abs(ref)))

    def gains(self, key, fw, ref):
        nrm = lambda a: float(np.linalg.norm(a[-1]))  # noqa: E731
        L = len(fw["pre"])
        got = {"G_hf_last": nrm(fw["final"]) / nrm(fw["pre"][L - 1]),
               "G_hf_penult": nrm(fw["pre"][L - 1]) / nrm(fw["pre"][L - 2]),
               "G_block": [nrm(fw["post"][i]) / nrm(fw["pre"][i]) for i in range(L)]}
        for k in ("G_hf_last", "G_hf_penult"):
            self.add(key + "." + k, abs(got[k] - ref[k]) / abs(ref[k]))
        self.add(key + ".G_block", max(abs(g - r) / abs(r) for g, r in zip(got["G_block"], ref["G_block"])))


def check_stack(err, key, fw, ref, mid_names):
    L = len(fw["pre"])
    hs = [fw["pre"][0]] + [fw["post"][k - 1] for k in range(1, L)] + [fw["final"]]
    for k, r in enumerate(ref["hidden_states"]):
        assert r.get("index", k) == k
        err.tensor(f"{key}hidden_states", hs[k], r)
    err.tensor(f"{key}pre_final_norm", fw["post"][L - 1], ref["pre_final_norm"])
    err.tensor(f"{key}final_norm_output", fw["final"], ref["final_norm_output"])
    for i, b in enumerate(ref["blocks"]):
        err.tensor(f"{key}resid_pre", fw["pre"][i], b["resid_pre"])
        err.tensor(f"{key}resid_post", fw["post"][i], b["resid_post"])
        for j, name in enumerate(mid_names):
            if b[name] is None:
                assert not fw["mid"][i], "reference has no mid point where the forward has one"
            else:
                err.tensor(f"{key}{name}", fw["mid"][i][j], b[name])
    err.gains(f"{key}gains_last_token", fw, ref["gains_last_token"])


def check_family(family, shared):
    m = load(family, shared)
    ref = json.load(open(os.path.join(shared, "fixtures", "hf-tiny", family, "reference.json")))
    err = Errors()
    for s in ref["sequences"]:
        if family == "t5":
            enc = encode(m, s["input_ids"])
            dec = decoder_forward(m, enc["final"], s["decoder_input_ids"])
            check_stack(err, "encoder.", enc, s["encoder"], ["resid_mid"])
            check_stack(err, "decoder.", dec, s["decoder"], ["resid_mid_after_self_attn", "resid_mid_after_cross_attn"])
            err.vector("logits_last_token", dec["logits"][-1], s["logits_last_token"])
        else:
            fw = forward(m, s["input_ids"])
            check_stack(err, "", fw, s, ["resid_mid"])
            err.vector("logits_last_token", fw["logits"][-1], s["logits_last_token"])
    return m, err


def graph_facts(family, m, shared):
    """Things about the files that the forward relies on, asserted and recorded."""
    W, facts = m["W"], {}
    other = load(family, shared, opset=14)["W"]
    assert sorted(other) == sorted(W) and all(np.array_equal(other[k], W[k]) for k in W), "opset 14 and 17 weights differ"
    facts["opset14_weights_equal_opset17"] = True
    tied = {"gpt2": ("lm_head.weight", "transformer.wte.weight"), "t5": ("lm_head.weight", "shared.weight")}.get(family)
    if tied:
        facts["tied_head_equals_embedding"] = bool(np.array_equal(W[tied[0]], W[tied[1]]))
        assert facts["tied_head_equals_embedding"], "the constant-folded head is not the embedding"
    if family == "t5":
        facts["encoder_embedding_equals_shared"] = bool(np.array_equal(W["encoder.embed_tokens.weight"], W["shared.weight"]))
        assert facts["encoder_embedding_equals_shared"]
    facts["parameters"] = len(W)
    return facts


def check_modulate(m):
    """alpha = 0 leaves the forward unchanged; alpha = 1 makes resid_pre(i) the target."""
    ids = [3, 17, 250, 41, 99, 0, 128]
    d = m["cfg"].get("n_embd") or m["cfg"].get("hidden_size") or m["cfg"]["d_model"]
    tgt = np.random.default_rng(0).standard_normal((len(ids), d))
    run = (lambda mod: encode(m, ids, mod)) if m["family"] == "t5" else (lambda mod: forward(m, ids, mod))
    base, zero = run(None), run({0: (0.0, tgt), 1: (0.0, tgt[0])})
    same = lambda a, b: all(np.array_equal(x, y) for x, y in zip(a, b))  # noqa: E731
    assert all(same(base[k], zero[k]) for k in ("pre", "post")) and np.array_equal(base["final"], zero["final"]), "alpha = 0 changed the forward"
    one = run({1: (1.0, tgt)})
    assert np.allclose(one["pre"][1], tgt, rtol=0, atol=1e-12) and np.array_equal(one["post"][0], base["post"][0])
    table = run({1: (0.3, lambda xs: tgt[: len(xs)])})
    assert np.allclose(table["pre"][1], 0.7 * base["post"][0] + 0.3 * tgt, rtol=0, atol=1e-12)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = args[0] if args else os.path.join(ROOT, "..", "shared")
    summary = {"source": {"script": "scripts/reference_hf_tiny.py", "numpy": np.__version__},
               "metric": "worst relative error vs the PyTorch reference.json of each family, over its 3 sequences: "
                         "token L2 norms elementwise, vectors (last-token states, logits) as max|x - ref| / max|ref|, gains as scalars",
               "tolerance": TOL, "families": {}}
    for fam in FAMILIES:
        m, err = check_family(fam, shared)
        check_modulate(m)
        facts = graph_facts(fam, m, shared)
        worst_key = max(err.worst, key=err.worst.get)
        print(f"{fam:9s} {err.n:4d} comparisons, worst relative error {err.worst[worst_key]:.2e} ({worst_key}); "
              f"logits {err.worst['logits_last_token']:.2e}")
        summary["families"][fam] = {"comparisons": err.n, "worst": err.worst[worst_key], "worst_at": worst_key,
                                    "worst_by_quantity": {k: float(f"{v:.3g}") for k, v in sorted(err.worst.items())}, "graph": facts}
        assert err.worst[worst_key] < TOL, f"{fam}: {worst_key} off by {err.worst[worst_key]:.2e}"
    if m["family"] == "t5":
        print("t5 greedy decode of sequence 0:", decode_greedy(m, encode(m, [41, 202, 38, 148, 78])["final"], 8))
    if "--write" in sys.argv:
        path = os.path.join(ROOT, "fixtures", "hf-tiny-forward.check.json")
        with open(path, "w") as f:
            json.dump(summary, f, indent=1)
            f.write("\n")
        print("wrote", path)


if __name__ == "__main__":
    main()
