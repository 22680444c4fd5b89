#!/usr/bin/env python3
"""numpy reference for the weight battery (src/analysis/weights) -> fixtures/weights.reference.json.

Independent of the TypeScript: it reads stories260K.bin itself and the hf-tiny ONNX initializers with
scripts/onnx_read.py, builds every catalog matrix (splitting GPT-2 c_attn and GPT-NeoX
query_key_value here, in Python), and computes each battery item in float64 numpy (scipy only for the
Marchenko-Pastur fit's optimiser, where the reference *is* scipy's brute + fmin, as in WeightWatcher).
Before writing, it checks the two fused splits numerically: the GPT-2 and GPT-NeoX catalogs must reproduce
PyTorch's block-0 residuals in hf-tiny's reference.json (verify_fused_splits).
Usage: python3 scripts/reference_weights.py [shared_dir]   (default: ../shared next to the repo)

Fixture schema (floats rounded to 10 significant digits; null where a value does not exist):
{
  "generator", "numpy_version", "scipy_version",
  "conventions": {name: sentence},                      # the choices below, in words
  "models": {
    "<model>": {                                        # stories260K, gpt2, gpt_neox, llama, t5
      "source": str, "config": {d_model, n_layers, n_heads, n_kv_heads, d_head, d_mlp, vocab},
      "matrices": {                                     # every catalog matrix, keyed by catalog name
        "<name>": {                                     # e.g. "wq.0", "encoder.mlp_in.1", "embed"
          "shape": [rows, cols],                        # [out, in]
          "singular_values": [...],                     # np.linalg.svd(float64(W), compute_uv=False), descending
          "metrics": {frobenius_norm, spectral_norm, stable_rank, participation_ratio,
                      participation_ratio_seed05, active_fraction, rank90_energy, rank90_seed05,
                      condition_number (null when s_min <= max(rows, cols) * eps64 * s_max),
                      sparsity_counts: [count |w| < t for t in 1e-6, 1e-4, 1e-3, 1e-2, 1e-1], n_entries},
          "esd": {"status": "skipped", "reason", "n_evals"} |
                 {"status": "fitted", n_evals, n_fitted, alpha, xmin, xmax, D, sigma, num_pl_spikes, warning,
                  log_norm, log_spectral_norm, alpha_weighted, log_alpha_norm, stable_rank,
                  mp: {status, sigma, lambda_plus, soft_rank, num_spikes, Q} }
        }
      },
      "norms": {"<name>": {n, mean, std, min, max, n_high, n_low, n_near_one, n_negative, abs_below_counts}},
      "qk": [ {q, k, layer, n_heads, n_kv_heads, d_head,
               heads: [{head, kv_head, singular_values (top min(d_model, d_head)), <form stats>}],
               head_sum: <form stats> (d_model x d_model, sum over heads of W_Q,h^T W_K,g(h)),
               seed_layer_product: <form stats> (W_Q W_K^T as seed 05 computes it) | null (GQA)} ],
        <form stats> = {dim, frobenius_norm, stable_rank, participation_ratio, participation_ratio_seed05,
                        symmetry_deviation, n_positive, n_negative, n_zero, top5, bottom5, singular_values?}
      "mlp": [ {layer, in, out, gate, d_mlp, mean_importance, dead, weak, importance: [d_mlp],
                up_norms, down_norms, gate_norms: {mean, std (ddof 1), min, max} | null} ],
      "null_test": {"<stack>": {"families": {fam: {n_layers, scale_track, pairs: [{layer, next, cos,     # stack:
                      # "model" (decoder-only) or "encoder" / "decoder" (T5); families wq ... mlp_out, ln_* as [d, 1]
                      resid_norm, scalar_fit_resid} | {layer, next, skipped}], mean_cos, median_cos, raw_resid,
                      scalar_fit, improve_frac, cosine_matrix}},
                    "scale_pca": {families, singular_values, explained_fraction, degenerate,
                                  loadings: {fam: [per mode]}, scores: [mode][layer]}}}
    }
  }
}
"""
import json
import math
import struct
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy import optimize

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from onnx_read import _fields, read_onnx  # noqa: E402

SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared"
OUT = REPO / "fixtures" / "weights.reference.json"
SPARSITY_THRESHOLDS = [1e-6, 1e-4, 1e-3, 1e-2, 1e-1]
MIN_EVALS = 50          # the rule (WeightWatcher's analyze() docstring says min_evals=50)
EVALS_THRESH = 1e-5     # WeightWatcher's EVALS_THRESH: eigenvalues at or below it are left out of the fit
QK_EIG_RTOL = 1e-9      # eigenvalues within 1e-9 * max|lambda| of zero count as zero
DEGENERATE_RTOL = 1e-6  # a scale-PCA mode with s <= 1e-6 * s_max is reported but flagged degenerate


def g10(v):
    """float rounded to 10 significant digits; None for NaN/inf (JSON has neither)."""
    v = float(v)
    if not math.isfinite(v):
        return None
    return float(f"{v:.10g}")


def g10s(a):
    return [g10(v) for v in np.ravel(a)]


# ------------------------------------------------------------------ catalogs
def stories_catalog(path):
    raw = path.read_bytes()
    dim, hidden, L, nh, nkv, vocab, seq_len = struct.unpack("<7i", raw[:28])
    shared, vocab = vocab > 0, abs(vocab)
    data = np.frombuffer(raw, dtype="<f4", offset=28)
    hd = dim // nh
    kv = hd * nkv
    pos = 0

    def take(*shape):
        nonlocal pos
        n = math.prod(shape)
        pos += n
        return data[pos - n:pos].reshape(shape)

    emb = take(vocab, dim)
    rms_att, wq, wk, wv, wo = take(L, dim), take(L, dim, dim), take(L, kv, dim), take(L, kv, dim), take(L, dim, dim)
    rms_ffn, w1, w2, w3 = take(L, dim), take(L, hidden, dim), take(L, dim, hidden), take(L, hidden, dim)
    rms_final = take(dim)
    take(seq_len * hd)  # legacy RoPE tables
    wcls = None if shared else take(vocab, dim)
    assert pos == data.size
    mats, norms = {"embed": emb}, {}
    if wcls is not None:
        mats["unembed"] = wcls
    for i in range(L):
        mats[f"wq.{i}"], mats[f"wk.{i}"], mats[f"wv.{i}"], mats[f"wo.{i}"] = wq[i], wk[i], wv[i], wo[i]
        mats[f"mlp_gate.{i}"], mats[f"mlp_in.{i}"], mats[f"mlp_out.{i}"] = w1[i], w3[i], w2[i]
        norms[f"ln_attn.{i}"], norms[f"ln_mlp.{i}"] = rms_att[i], rms_ffn[i]
    norms["ln_final"] = rms_final
    cfg = dict(d_model=dim, n_layers=L, n_heads=nh, n_kv_heads=nkv, d_head=hd, d_mlp=hidden, vocab=vocab)
    return cfg, mats, norms


def onnx_weights(path):
    """{node name: (op_type, [inputs])} and initializers; asserts every Gemm has transB = 0."""
    nodes, inits = read_onnx(path)
    raw = memoryview(path.read_bytes())
    graph = next(v for f, _, v in _fields(raw) if f == 7)
    for f, _, v in _fields(graph):
        if f != 1:
            continue
        op, attrs = None, {}
        for nf, _, nv in _fields(v):
            if nf == 4:
                op = bytes(nv).decode()
            elif nf == 5:
                name, ival = None, None
                for af, _, av in _fields(nv):
                    if af == 1:
                        name = bytes(av).decode()
                    elif af == 3:
                        ival = av
                attrs[name] = ival
        if op == "Gemm":
            assert not attrs.get("transB"), "a Gemm with transB=1 would store [out, in]"
    by_name = {n["name"]: n for n in nodes}
    return by_name, inits


def node_weight(by_name, inits, node, index=1):
    """The initializer a MatMul/Gemm node multiplies by, returned as the catalog's [out, in]."""
    w = inits[by_name[node]["input"][index]]
    return np.ascontiguousarray(w.T)


def gpt2_catalog(d):
    by, ini = onnx_weights(d / "gpt2/opset17/model.onnx")
    cfg = json.loads((d / "gpt2/config.json").read_text())
    D, L, H = cfg["n_embd"], cfg["n_layer"], cfg["n_head"]
    mats = {"embed": ini["transformer.wte.weight"], "pos_embed": ini["transformer.wpe.weight"]}
    head = node_weight(by, ini, "/lm_head/MatMul")
    assert np.array_equal(head, mats["embed"]), "gpt2 lm_head should be tied to wte"
    norms = {}
    for i in range(L):
        p = f"/transformer/h.{i}"
        c_attn = node_weight(by, ini, f"{p}/attn/c_attn/Gemm")  # [3D, D]: q | k | v along the output axis
        mats[f"wq.{i}"], mats[f"wk.{i}"], mats[f"wv.{i}"] = c_attn[:D], c_attn[D:2 * D], c_attn[2 * D:]
        mats[f"wo.{i}"] = node_weight(by, ini, f"{p}/attn/c_proj/Gemm")
        mats[f"mlp_in.{i}"] = node_weight(by, ini, f"{p}/mlp/c_fc/Gemm")
        mats[f"mlp_out.{i}"] = node_weight(by, ini, f"{p}/mlp/c_proj/Gemm")
        norms[f"ln_attn.{i}"] = ini[f"transformer.h.{i}.ln_1.weight"]
        norms[f"ln_mlp.{i}"] = ini[f"transformer.h.{i}.ln_2.weight"]
    norms["ln_final"] = ini["transformer.ln_f.weight"]
    c = dict(d_model=D, n_layers=L, n_heads=H, n_kv_heads=H, d_head=D // H, d_mlp=4 * D, vocab=cfg["vocab_size"])
    return c, mats, norms


def neox_catalog(d):
    by, ini = onnx_weights(d / "gpt_neox/opset17/model.onnx")
    cfg = json.loads((d / "gpt_neox/config.json").read_text())
    D, L, H = cfg["hidden_size"], cfg["num_hidden_layers"], cfg["num_attention_heads"]
    dh = D // H
    mats = {"embed": ini["gpt_neox.embed_in.weight"], "unembed": node_weight(by, ini, "/embed_out/MatMul")}
    norms = {}
    for i in range(L):
        p = f"/gpt_neox/layers.{i}"
        qkv = node_weight(by, ini, f"{p}/attention/query_key_value/MatMul")  # [3D, D], per head q | k | v
        per_head = qkv.reshape(H, 3, dh, D)
        mats[f"wq.{i}"] = per_head[:, 0].reshape(D, D)
        mats[f"wk.{i}"] = per_head[:, 1].reshape(D, D)
        mats[f"wv.{i}"] = per_head[:, 2].reshape(D, D)
        mats[f"wo.{i}"] = node_weight(by, ini, f"{p}/attention/dense/MatMul")
        mats[f"mlp_in.{i}"] = node_weight(by, ini, f"{p}/mlp/dense_h_to_4h/MatMul")
        mats[f"mlp_out.{i}"] = node_weight(by, ini, f"{p}/mlp/dense_4h_to_h/MatMul")
        norms[f"ln_attn.{i}"] = ini[f"gpt_neox.layers.{i}.input_layernorm.weight"]
        norms[f"ln_mlp.{i}"] = ini[f"gpt_neox.layers.{i}.post_attention_layernorm.weight"]
    norms["ln_final"] = ini["gpt_neox.final_layer_norm.weight"]
    c = dict(d_model=D, n_layers=L, n_heads=H, n_kv_heads=H, d_head=dh, d_mlp=cfg["intermediate_size"],
             vocab=cfg["vocab_size"])
    return c, mats, norms


def llama_catalog(d):
    by, ini = onnx_weights(d / "llama/opset17/model.onnx")
    cfg = json.loads((d / "llama/config.json").read_text())
    D, L, H, KV = cfg["hidden_size"], cfg["num_hidden_layers"], cfg["num_attention_heads"], cfg["num_key_value_heads"]
    mats = {"embed": ini["model.embed_tokens.weight"], "unembed": node_weight(by, ini, "/lm_head/MatMul")}
    norms = {}
    for i in range(L):
        p = f"/model/layers.{i}"
        for name, mod in [("wq", "self_attn/q_proj"), ("wk", "self_attn/k_proj"), ("wv", "self_attn/v_proj"),
                          ("wo", "self_attn/o_proj"), ("mlp_gate", "mlp/gate_proj"), ("mlp_in", "mlp/up_proj"),
                          ("mlp_out", "mlp/down_proj")]:
            mats[f"{name}.{i}"] = node_weight(by, ini, f"{p}/{mod}/MatMul")
        norms[f"ln_attn.{i}"] = ini[f"model.layers.{i}.input_layernorm.weight"]
        norms[f"ln_mlp.{i}"] = ini[f"model.layers.{i}.post_attention_layernorm.weight"]
    norms["ln_final"] = ini["model.norm.weight"]
    c = dict(d_model=D, n_layers=L, n_heads=H, n_kv_heads=KV, d_head=D // H, d_mlp=cfg["intermediate_size"],
             vocab=cfg["vocab_size"])
    return c, mats, norms


def t5_catalog(d):
    eby, eini = onnx_weights(d / "t5/opset17/encoder_model.onnx")
    dby, dini = onnx_weights(d / "t5/opset17/decoder_model.onnx")
    cfg = json.loads((d / "t5/config.json").read_text())
    D, H, dkv = cfg["d_model"], cfg["num_heads"], cfg["d_kv"]
    Le, Ld = cfg["num_layers"], cfg.get("num_decoder_layers") or cfg["num_layers"]
    assert np.array_equal(eini["embed_tokens.weight"], dini["shared.weight"]), "T5 embeddings are shared"
    mats = {"embed": dini["shared.weight"]}
    norms = {}
    for i in range(Le):
        p = f"/block.{i}"
        for name, mod in [("wq", "layer.0/SelfAttention/q"), ("wk", "layer.0/SelfAttention/k"),
                          ("wv", "layer.0/SelfAttention/v"), ("wo", "layer.0/SelfAttention/o"),
                          ("mlp_in", "layer.1/DenseReluDense/wi"), ("mlp_out", "layer.1/DenseReluDense/wo")]:
            mats[f"encoder.{name}.{i}"] = node_weight(eby, eini, f"{p}/{mod}/MatMul")
        norms[f"encoder.ln_attn.{i}"] = eini[f"block.{i}.layer.0.layer_norm.weight"]
        norms[f"encoder.ln_mlp.{i}"] = eini[f"block.{i}.layer.1.layer_norm.weight"]
    norms["encoder.ln_final"] = eini["final_layer_norm.weight"]
    for i in range(Ld):
        p = f"/decoder/block.{i}"
        for name, mod in [("wq", "layer.0/SelfAttention/q"), ("wk", "layer.0/SelfAttention/k"),
                          ("wv", "layer.0/SelfAttention/v"), ("wo", "layer.0/SelfAttention/o"),
                          ("cross_wq", "layer.1/EncDecAttention/q"), ("cross_wk", "layer.1/EncDecAttention/k"),
                          ("cross_wv", "layer.1/EncDecAttention/v"), ("cross_wo", "layer.1/EncDecAttention/o"),
                          ("mlp_in", "layer.2/DenseReluDense/wi"), ("mlp_out", "layer.2/DenseReluDense/wo")]:
            mats[f"decoder.{name}.{i}"] = node_weight(dby, dini, f"{p}/{mod}/MatMul")
        norms[f"decoder.ln_attn.{i}"] = dini[f"decoder.block.{i}.layer.0.layer_norm.weight"]
        norms[f"decoder.ln_cross.{i}"] = dini[f"decoder.block.{i}.layer.1.layer_norm.weight"]
        norms[f"decoder.ln_mlp.{i}"] = dini[f"decoder.block.{i}.layer.2.layer_norm.weight"]
    norms["decoder.ln_final"] = dini["decoder.final_layer_norm.weight"]
    c = dict(d_model=D, n_layers=Le, n_decoder_layers=Ld, n_heads=H, n_kv_heads=H, d_head=dkv, d_mlp=cfg["d_ff"],
             vocab=cfg["vocab_size"])
    return c, mats, norms


# ------------------------------------------------------------------ catalog self-check
def _ln(x, w, b, eps=1e-5):
    m = x.mean(-1, keepdims=True)
    return (x - m) / np.sqrt(((x - m) ** 2).mean(-1, keepdims=True) + eps) * w + b


def _causal_attention(q, k, v, nh, dh):
    S = q.shape[0]
    out = np.zeros_like(q)
    for h in range(nh):
        sl = slice(h * dh, (h + 1) * dh)
        sc = q[:, sl] @ k[:, sl].T / math.sqrt(dh) + np.triu(np.full((S, S), -np.inf), 1)
        p = np.exp(sc - sc.max(-1, keepdims=True))
        out[:, sl] = (p / p.sum(-1, keepdims=True)) @ v[:, sl]
    return out


def verify_fused_splits(d):
    """The two split catalogs must reproduce PyTorch's block 0 (hf-tiny reference.json, last token): GPT-2
    resid_mid and GPT-NeoX resid_post (parallel residual, rotary on 25% of each head). A wrong split of
    c_attn or query_key_value gives O(1) errors; the tolerance allows float32 rounding."""
    cfg, m, g = gpt2_catalog(d)
    _, ini = onnx_weights(d / "gpt2/opset17/model.onnx")
    assert not any(np.any(v) for n, v in ini.items() if n.endswith(".bias") and ".ln_" not in n), "zero biases"
    for seq in json.loads((d / "gpt2/reference.json").read_text())["sequences"]:
        ids = seq["input_ids"]
        x = m["embed"][ids].astype(np.float64) + m["pos_embed"][:len(ids)]
        h = _ln(x, g["ln_attn.0"], ini["transformer.h.0.ln_1.bias"])
        q, k, v = (h @ m[f"{n}.0"].T for n in ("wq", "wk", "wv"))
        mid = x + _causal_attention(q, k, v, cfg["n_heads"], cfg["d_head"]) @ m["wo.0"].T
        want = np.array(seq["blocks"][0]["resid_mid"]["last_token"])
        assert np.max(np.abs(mid[-1] - want)) < 1e-5 * np.max(np.abs(want)), "gpt2 c_attn split"
    cfg, m, g = neox_catalog(d)
    _, ini = onnx_weights(d / "gpt_neox/opset17/model.onnx")
    assert not any(np.any(v) for n, v in ini.items() if n.endswith(".bias") and "layernorm" not in n
                   and "layer_norm" not in n), "zero biases"
    nh, dh = cfg["n_heads"], cfg["d_head"]
    rot = int(dh * 0.25)
    inv_freq = 1.0 / (10000 ** (np.arange(0, rot, 2) / rot))
    for seq in json.loads((d / "gpt_neox/reference.json").read_text())["sequences"]:
        ids = seq["input_ids"]
        x = m["embed"][ids].astype(np.float64)
        h = _ln(x, g["ln_attn.0"], ini["gpt_neox.layers.0.input_layernorm.bias"])
        q, k, v = (h @ m[f"{n}.0"].T for n in ("wq", "wk", "wv"))
        ang = np.outer(np.arange(len(ids)), inv_freq)
        cos, sin = np.cos(np.concatenate([ang, ang], -1)), np.sin(np.concatenate([ang, ang], -1))

        def rope(t):
            t = t.copy()
            for hh in range(nh):
                r = t[:, hh * dh:hh * dh + rot].copy()
                t[:, hh * dh:hh * dh + rot] = r * cos + np.concatenate([-r[:, rot // 2:], r[:, :rot // 2]], -1) * sin
            return t

        a = _causal_attention(rope(q), rope(k), v, nh, dh) @ m["wo.0"].T
        h2 = _ln(x, g["ln_mlp.0"], ini["gpt_neox.layers.0.post_attention_layernorm.bias"])
        z = h2 @ m["mlp_in.0"].T
        gelu = 0.5 * z * (1 + np.vectorize(math.erf)(z / math.sqrt(2)))
        post = x + a + gelu @ m["mlp_out.0"].T
        want = np.array(seq["blocks"][0]["resid_post"]["last_token"])
        assert np.max(np.abs(post[-1] - want)) < 1e-5 * np.max(np.abs(want)), "gpt_neox query_key_value split"


# ------------------------------------------------------------------ item 1: per-matrix spectra
def matrix_metrics(W32, s):
    W = W32.astype(np.float64)
    rows, cols = W.shape
    k = len(s)
    s2 = s * s
    cum2 = np.cumsum(s2)
    cum1 = np.cumsum(s)
    tol = s[0] * max(rows, cols) * np.finfo(np.float64).eps
    absw = np.abs(W)
    return {
        "frobenius_norm": g10(np.sqrt(np.sum(W * W))),
        "spectral_norm": g10(s[0]),
        "stable_rank": g10(s2.sum() / s2[0]),
        "participation_ratio": g10(s2.sum() ** 2 / np.sum(s2 * s2)),
        "participation_ratio_seed05": g10(s.sum() ** 2 / s2.sum()),
        "active_fraction": g10(np.count_nonzero(s > 0.01 * s[0]) / k),
        "rank90_energy": int(np.searchsorted(cum2 / cum2[-1], 0.9) + 1),
        "rank90_seed05": int(np.searchsorted(cum1 / cum1[-1], 0.9) + 1),
        "condition_number": None if s[-1] <= tol else g10(s[0] / s[-1]),
        "sparsity_counts": [int(np.count_nonzero(absw < t)) for t in SPARSITY_THRESHOLDS],
        "n_entries": int(W.size),
    }


# ------------------------------------------------------------------ item 2: WeightWatcher-style ESD
def ww_fit(data):
    """WeightWatcher's WWFit (its default 'ww' power-law package): every value but the largest is a
    candidate xmin; continuous MLE alpha for each; KS distance against the empirical CDF j/n; least D wins."""
    data = np.sort(np.asarray(data, dtype=np.float64))
    N = len(data)
    log_data = np.log(data)
    alphas = np.zeros(N - 1)
    Ds = np.ones(N - 1)
    for i, xmin in enumerate(data[:-1]):
        n = float(N - i)
        alpha = 1 + n / (np.sum(log_data[i:]) - n * log_data[i])
        alphas[i] = alpha
        if alpha > 1:
            Ds[i] = np.max(np.abs(1 - (data[i:] / xmin) ** (-alpha + 1) - np.arange(n) / n))
    i = int(np.argmin(Ds))
    return dict(xmin=data[i], alpha=alphas[i], D=Ds[i], sigma=(alphas[i] - 1) / np.sqrt(N - i), xmax=data[-1])


def kde_linear(x, bw, grid):
    """sklearn KernelDensity(kernel='linear', bandwidth=bw).score_samples, exponentiated, written out."""
    d = np.abs(grid[:, None] - x[None, :])
    return np.where(d < bw, 1.0 - d / bw, 0.0).sum(axis=1) / (len(x) * bw)


def resid_mp(p, to_fit, Q, bw):
    """WeightWatcher's RMT_Util.resid_mp (allresid=False): sum of squared residuals, MP (or quarter circle
    when Q = 1) density minus the KDE, over the grid points where the KDE exceeds 0.01."""
    sigma = float(np.ravel(p)[0])
    xde = np.linspace(0, np.max(to_fit) + 0.5, 1000)
    yde = kde_linear(to_fit, bw, xde)
    good = yde > 0.01
    xde, yde = xde[good], yde[good]
    with np.errstate(all="ignore"):
        if Q == 1:
            ymp = np.nan_to_num((1 / (np.pi * sigma * sigma)) * np.sqrt(4 - xde ** 2))
            resid = ymp - yde
        else:
            b = (sigma * (1 + np.sqrt(1 / Q))) ** 2
            a = (sigma * (1 - np.sqrt(1 / Q))) ** 2
            ymp = np.nan_to_num((1 / (2 * np.pi * sigma * sigma * xde * (1 / Q))) * np.sqrt((b - xde) * (xde - a)))
            x_peak = xde[np.where(yde == np.max(yde))][0]
            if (b < x_peak) or (b > np.max(xde)) or (a > x_peak):
                resid = np.zeros(len(yde)) + 1000
            else:
                resid = ymp - yde
        return float(np.sum(resid ** 2))


def mp_fit(evals, rows, cols):
    """WeightWatcher's mp_fit: rescale the ESD to mean 1, brute-force sigma over [0.05, 2) x the sigma
    implied by lambda_max (step 0.01x), polish with Nelder-Mead (scipy fmin), bulk edge lambda_plus."""
    N, M = max(rows, cols), min(rows, cols)
    Q = N / M
    wscale = np.sqrt(len(evals)) / np.sqrt(np.sum(evals))  # WW: sqrt(M) / ||W||_F, then squared
    wscale2 = wscale * wscale
    to_plot = wscale2 * evals
    lambda_max = np.max(to_plot)
    s0 = np.sqrt(lambda_max / np.square(1 + 1.0 / np.sqrt(Q)))  # WW's calc_sigma
    to_fit = np.sqrt(to_plot) if Q == 1 else to_plot
    rng = (slice(0.05 * s0, 2.0 * s0, 0.01 * s0),)
    out = optimize.brute(resid_mp, rng, args=(to_fit, Q, 0.1), full_output=True)
    grid = out[2]
    start, step = 0.05 * s0, 0.01 * s0
    delta = (start + step) - start  # numpy arange fills start + i * ((start + step) - start)
    assert np.array_equal(grid, np.concatenate([[start], start + np.arange(1, len(grid)) * delta])), "grid rule"
    s1 = float(np.ravel(out[0])[0])
    bulk_max = (s1 * (1 + 1 / np.sqrt(Q))) ** 2
    tw = 1 / np.sqrt(Q) * bulk_max ** (2 / 3) * M ** (-2 / 3)
    num_spikes = int(np.count_nonzero(to_plot > bulk_max + np.sqrt(tw)))
    return {"status": "fitted", "Q": g10(Q), "sigma": g10(s1), "lambda_plus": g10(bulk_max / wscale2),
            "soft_rank": g10(bulk_max / lambda_max), "num_spikes": num_spikes}


def esd(s, rows, cols):
    evals = np.sort(s * s)
    n = len(evals)
    if n < MIN_EVALS:
        return {"status": "skipped", "reason": f"fewer than {MIN_EVALS} eigenvalues ({n})", "n_evals": n}
    nz = evals[evals > EVALS_THRESH]
    if len(nz) < 2:
        return {"status": "skipped", "reason": f"fewer than 2 eigenvalues above {EVALS_THRESH} ({len(nz)})", "n_evals": n}
    fit = ww_fit(nz)
    alpha = fit["alpha"]
    lmax = evals.max()
    warning = "over-trained" if alpha < 2 else ("under-trained" if alpha > 6 else None)
    return {
        "status": "fitted", "n_evals": n, "n_fitted": int(len(nz)),
        "alpha": g10(alpha), "xmin": g10(fit["xmin"]), "xmax": g10(fit["xmax"]), "D": g10(fit["D"]),
        "sigma": g10(fit["sigma"]), "num_pl_spikes": int(np.count_nonzero(evals >= fit["xmin"])), "warning": warning,
        "log_norm": g10(np.log10(np.sum(evals))), "log_spectral_norm": g10(np.log10(lmax)),
        "alpha_weighted": g10(alpha * np.log10(lmax)), "log_alpha_norm": g10(np.log10(np.sum(evals ** alpha))),
        "stable_rank": g10(np.sum(evals) / lmax), "mp": mp_fit(evals, rows, cols),
    }


# ------------------------------------------------------------------ item 3: QK, MLP, norm gains
def form_stats(M, n_sv=None):
    s = np.linalg.svd(M, compute_uv=False)
    if n_sv is not None:
        s = s[:n_sv]
    s2 = s * s
    ev = np.linalg.eigvalsh((M + M.T) / 2)[::-1]
    tol = QK_EIG_RTOL * np.max(np.abs(ev))
    fro = np.linalg.norm(M)
    return {
        "dim": int(M.shape[0]), "frobenius_norm": g10(fro), "stable_rank": g10(s2.sum() / s2[0]),
        "participation_ratio": g10(s2.sum() ** 2 / np.sum(s2 * s2)),
        "participation_ratio_seed05": g10(s.sum() ** 2 / s2.sum()),
        "symmetry_deviation": g10(np.linalg.norm(M - M.T) / fro),
        "n_positive": int(np.count_nonzero(ev > tol)), "n_negative": int(np.count_nonzero(ev < -tol)),
        "n_zero": int(np.count_nonzero(np.abs(ev) <= tol)),
        "top5": g10s(ev[:5]), "bottom5": g10s(ev[::-1][:5]),
        "singular_values": g10s(s),
    }


def qk_layer(wq, wk, q_name, k_name, layer, H, KV, dh):
    Wq, Wk = wq.astype(np.float64), wk.astype(np.float64)
    d = Wq.shape[1]
    heads = []
    for h in range(H):
        g = h // (H // KV)
        A, B = Wq[h * dh:(h + 1) * dh], Wk[g * dh:(g + 1) * dh]
        st = form_stats(A.T @ B, n_sv=min(d, dh))
        heads.append({"head": h, "kv_head": g, **st})
    Wk_exp = np.concatenate([Wk[(h // (H // KV)) * dh:(h // (H // KV) + 1) * dh] for h in range(H)])
    head_sum = form_stats(Wq.T @ Wk_exp)
    head_sum.pop("singular_values")
    seed = None
    if KV == H:
        seed = form_stats(Wq @ Wk.T)
        seed.pop("singular_values")
    return {"q": q_name, "k": k_name, "layer": layer, "n_heads": H, "n_kv_heads": KV, "d_head": dh,
            "heads": heads, "head_sum": head_sum, "seed_layer_product": seed}


def norm_summary(v):
    v = v.astype(np.float64)
    return {"mean": g10(v.mean()), "std": g10(v.std(ddof=1)), "min": g10(v.min()), "max": g10(v.max())}


def mlp_layer(mats, prefix, i):
    Win, Wout = mats[f"{prefix}mlp_in.{i}"].astype(np.float64), mats[f"{prefix}mlp_out.{i}"].astype(np.float64)
    gate = mats.get(f"{prefix}mlp_gate.{i}")
    up, down = np.linalg.norm(Win, axis=1), np.linalg.norm(Wout, axis=0)
    imp = up * down
    gn = None
    if gate is not None:
        gn = np.linalg.norm(gate.astype(np.float64), axis=1)
        imp = imp * gn
    m = imp.mean()
    return {"layer": i, "in": f"{prefix}mlp_in.{i}", "out": f"{prefix}mlp_out.{i}",
            "gate": None if gate is None else f"{prefix}mlp_gate.{i}", "d_mlp": int(len(imp)),
            "mean_importance": g10(m), "dead": int(np.count_nonzero(imp < 0.01 * m)),
            "weak": int(np.count_nonzero(imp < 0.10 * m)), "importance": g10s(imp),
            "up_norms": norm_summary(up), "down_norms": norm_summary(down),
            "gate_norms": None if gn is None else norm_summary(gn)}


def norm_gain(g):
    w = g.astype(np.float64)
    return {"n": int(len(w)), "mean": g10(w.mean()), "std": g10(w.std()), "min": g10(w.min()), "max": g10(w.max()),
            "n_high": int(np.count_nonzero(w > 1.5)), "n_low": int(np.count_nonzero(w < 0.5)),
            "n_near_one": int(np.count_nonzero((w > 0.8) & (w < 1.2))), "n_negative": int(np.count_nonzero(w < 0)),
            "abs_below_counts": [int(np.count_nonzero(np.abs(w) < t)) for t in SPARSITY_THRESHOLDS]}


# ------------------------------------------------------------------ item 4: seed 04's null test
def frob(x):
    return float(np.linalg.norm(x))


def null_test(families):
    """Seed 04 (sa-schedule-null-residual.py) in float64: adjacent-layer cosine, raw residual, scalar-fit
    residual, improvement fraction, scale track and the PCA of the centred log scale track."""
    out = {}
    for fam, Ws in families.items():
        Ws = [w.astype(np.float64) for w in Ws]
        L = len(Ws)
        pairs, cs = [], []
        for i in range(L - 1):
            Wa, Wb = Ws[i], Ws[i + 1]
            fa, fb = frob(Wa), frob(Wb)
            if Wa.shape != Wb.shape:
                pairs.append({"layer": i, "next": i + 1, "skipped": "shapes differ"})
                continue
            if fa < 1e-12 or fb < 1e-12:
                pairs.append({"layer": i, "next": i + 1, "skipped": "zero matrix"})
                continue
            cos = float((Wa * Wb).sum() / (fa * fb))
            cs.append(cos)
            pairs.append({"layer": i, "next": i + 1, "cos": g10(cos),
                          "resid_norm": g10(np.sqrt(max(2.0 - 2.0 * cos, 0.0))),
                          "scalar_fit_resid": g10(np.sqrt(max(1.0 - cos * cos, 0.0)))})
        entry = {"n_layers": L, "scale_track": g10s([frob(w) for w in Ws]), "pairs": pairs}
        if cs:
            c = np.array(cs)
            raw = np.sqrt(np.maximum(2.0 - 2.0 * c, 0.0)).mean()
            sf = np.sqrt(np.maximum(1.0 - c ** 2, 0.0)).mean()
            entry.update(mean_cos=g10(np.mean(c)), median_cos=g10(np.median(c)), raw_resid=g10(raw),
                         scalar_fit=g10(sf), improve_frac=g10((raw - sf) / max(raw, 1e-12)))
        cm = [[None] * L for _ in range(L)]
        for i in range(L):
            for j in range(L):
                if Ws[i].shape == Ws[j].shape and frob(Ws[i]) >= 1e-12 and frob(Ws[j]) >= 1e-12:
                    cm[i][j] = g10((Ws[i] * Ws[j]).sum() / (frob(Ws[i]) * frob(Ws[j])))
        entry["cosine_matrix"] = cm
        out[fam] = entry
    n_layers = max(len(w) for w in families.values())
    used = [f for f, Ws in families.items() if len(Ws) == n_layers and all(frob(w) > 0 for w in Ws)]
    sm = np.array([np.log([frob(w.astype(np.float64)) for w in families[f]]) for f in used])
    smc = sm - sm.mean(axis=1, keepdims=True)
    U, S, Vh = np.linalg.svd(smc, full_matrices=False)
    scores = np.diag(S) @ Vh
    for i in range(len(S)):  # sign convention: the largest |loading| of each mode is positive
        j = int(np.argmax(np.abs(U[:, i])))
        if U[j, i] < 0:
            U[:, i] *= -1
            scores[i] *= -1
    total = float((S ** 2).sum())
    pca = {"families": used, "singular_values": g10s(S),
           "explained_fraction": g10s(S ** 2 / max(total, 1e-20)),
           "degenerate": [bool(s <= DEGENERATE_RTOL * S[0]) for s in S],
           "loadings": {f: g10s(U[j]) for j, f in enumerate(used)}, "scores": [g10s(r) for r in scores]}
    return {"families": out, "scale_pca": pca}


# ------------------------------------------------------------------ assembly
def layer_count(mats, prefix, kind):
    return len([k for k in mats if k.startswith(prefix + kind + ".")])


def model_entry(source, cfg, mats, norms, stacks):
    entry = {"source": source, "config": cfg, "matrices": {}, "norms": {}, "qk": [], "mlp": [], "null_test": {}}
    for name, W in mats.items():
        s = np.linalg.svd(W.astype(np.float64), compute_uv=False)
        entry["matrices"][name] = {"shape": list(W.shape), "singular_values": g10s(s),
                                   "metrics": matrix_metrics(W, s), "esd": esd(s, *W.shape)}
    entry["norms"] = {name: norm_gain(g) for name, g in norms.items()}
    H, KV, dh = cfg["n_heads"], cfg["n_kv_heads"], cfg["d_head"]
    for prefix, attn_kinds in stacks:
        n = layer_count(mats, prefix, "wq")
        for kind in attn_kinds:
            qn, kn = kind
            for i in range(n):
                entry["qk"].append(qk_layer(mats[f"{prefix}{qn}.{i}"], mats[f"{prefix}{kn}.{i}"],
                                            f"{prefix}{qn}.{i}", f"{prefix}{kn}.{i}", i, H, KV, dh))
        for i in range(layer_count(mats, prefix, "mlp_in")):
            entry["mlp"].append(mlp_layer(mats, prefix, i))
        fam_names = ["wq", "wk", "wv", "wo", "cross_wq", "cross_wk", "cross_wv", "cross_wo",
                     "mlp_gate", "mlp_in", "mlp_out"]
        families = {}
        for f in fam_names:
            m = layer_count(mats, prefix, f)
            if m:
                families[f] = [mats[f"{prefix}{f}.{i}"] for i in range(m)]
        for f in ["ln_attn", "ln_cross", "ln_mlp"]:
            m = layer_count(norms, prefix, f)
            if m:  # norm gains enter the null test as [d, 1] matrices, as in seed 04
                families[f] = [norms[f"{prefix}{f}.{i}"].reshape(-1, 1) for i in range(m)]
        entry["null_test"][prefix.rstrip(".") or "model"] = null_test(families)
    return entry


def main():
    hf = SHARED / "fixtures" / "hf-tiny"
    verify_fused_splits(hf)
    self_attn = [("wq", "wk")]
    models = {}
    cfg, mats, norms = stories_catalog(SHARED / "models" / "llama2c" / "stories260K.bin")
    models["stories260K"] = model_entry("models/llama2c/stories260K.bin", cfg, mats, norms, [("", self_attn)])
    for name, fn, src in [("gpt2", gpt2_catalog, "gpt2/opset17/model.onnx"),
                          ("gpt_neox", neox_catalog, "gpt_neox/opset17/model.onnx"),
                          ("llama", llama_catalog, "llama/opset17/model.onnx")]:
        cfg, mats, norms = fn(hf)
        models[name] = model_entry(f"fixtures/hf-tiny/{src}", cfg, mats, norms, [("", self_attn)])
    cfg, mats, norms = t5_catalog(hf)
    models["t5"] = model_entry("fixtures/hf-tiny/t5/opset17/{encoder,decoder}_model.onnx", cfg, mats, norms,
                               [("encoder.", self_attn), ("decoder.", self_attn + [("cross_wq", "cross_wk")])])
    out = {
        "generator": "scripts/reference_weights.py",
        "numpy_version": np.__version__, "scipy_version": scipy.__version__,
        "conventions": {
            "matrix": "row-major [out, in] float32 weights, computed in float64; W = U diag(s) V^T, s descending",
            "participation_ratio": "(sum s^2)^2 / sum s^4: PR of the eigenvalues s^2 of W^T W; "
                                   "participation_ratio_seed05 is seed 05's (sum s)^2 / sum s^2",
            "rank90": "rank90_energy: smallest r with cumsum(s^2)[r-1] >= 0.9 sum s^2; rank90_seed05 uses s",
            "condition_number": "s_max / s_min; null (infinite) when s_min <= max(rows, cols) * eps64 * s_max",
            "sparsity": "counts of |w| < t, thresholds compared in float64",
            "esd": f"WeightWatcher: evals = s^2 unnormalised; fit on evals > {EVALS_THRESH}; skipped below "
                   f"{MIN_EVALS} eigenvalues; MP fit by brute + fmin on the mean-1 rescaled ESD",
            "qk": "per head M = W_Q,h^T W_K,g(h) [d_model, d_model], score = x_query^T M y_key (no 1/sqrt(d_head),"
                  f" no RoPE); symmetry_deviation = ||M - M^T||_F / ||M||_F; eigenvalue sign tolerance "
                  f"{QK_EIG_RTOL} * max|lambda|",
            "mlp": "importance_j = ||W_in[j,:]|| * ||W_out[:,j]|| (* ||W_gate[j,:]|| when gated); dead < 1% of "
                   "the mean, weak < 10% (weak includes dead)",
            "null_test": "seed 04 in float64; norm gains as [d, 1] matrices; scale PCA over families with every "
                         "layer, modes signed so the largest |loading| is positive",
        },
        "models": models,
    }
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
