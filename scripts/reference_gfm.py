#!/usr/bin/env python3
"""Independent numpy (float64) reference for the Geometric Field Modulator -> fixtures/gfm.reference.json.

Seed 05 section 12 (GeometricFieldModulator: KSimplexChannel experts k = 1, 2, 4 with Cayley-Menger
features, multiplicative gates, the tail 25% of d_model as a null space, clamped alphas), inference only,
applied before every block of the numpy forwards of stories260K (scripts/reference_llama2c.py's forward
through its hook) and of the hf-tiny gpt2 decoder and T5 encoder
(scripts/reference_hf_tiny.py, its modulation hook replaced). Written from the seed's code, not from the
lab's TypeScript: its own template construction, its own CM volume by np.linalg.det, its own LayerNorm.

Parameters (the lab's documented init, src/analysis/modulation/field/params.ts): scripts/rng.py's Rng(seed);
for each expert k: _to_deform Linear(n_active -> (k+1) edim) weight [out, in] row-major then bias, then
_validity_proj Linear(geo_dim -> 1) weight then bias; then for each k the gate Linear(geo_dim -> n_active)
weight then bias. Each value (2 next() - 1) / sqrt(in), rounded to float32 (PyTorch's nn.Linear default
U(-1/sqrt(in), 1/sqrt(in))). LayerNorm ones / zeros. The template is rounded to float32 as torch stores it.
Alphas: logit ln(a / (1 - a)) rounded to float32, sigmoid, clamp [0.001, 0.35], float32; 0 = block off.

Per model and alpha: the greedy 16-token continuation (decoders: the whole sequence recomputed and
modulated each step; T5: encoder modulated, decoder greedy), the final states on the prompt (norms, last
token), per-forward validity (fraction of positions with vol2 > 0, per block per expert) and the mean
combined gate per block on the prompt, and the health report; cv_check on the static embedding (500 draws of
5 rows by Rng(42).int(N), first 8 dims; a draw repeating a point is degenerate, since its vol2 is rounding noise).
Usage: python3 scripts/reference_gfm.py [shared_dir]
"""
import json
import math
import sys
from itertools import combinations
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import reference_hf_tiny as hf  # noqa: E402
import reference_llama2c as l2c  # noqa: E402
from rng import Rng  # noqa: E402

REPO = HERE.parent
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared"
OUT = REPO / "fixtures" / "gfm.reference.json"
N_NEW = 16
SEED = 7
ALPHAS = [0.0, 0.01, 0.2, 0.29154, 0.35]
PROMPT_STORIES = "Once upon a time"
CFG = dict(expert_ks=(1, 2, 4), edim=8, alpha_min=0.001, alpha_max=0.35, null_space_fraction=0.25,
           deform_scale=0.05, cv_target=0.21, cv_tolerance=0.05, eps=1e-5)


# ------------------------------------------------------------------ the seed's pieces
def build_regular_simplex(k, edim):
    """The seed's build_regular_simplex, line for line (not regular for k >= 2: that is the seed's code)."""
    nv = k + 1
    verts = np.zeros((nv, edim))
    for i in range(nv):
        if i < edim:
            verts[i, i] = math.sqrt((k + 1) / k) if i == 0 else math.sqrt((k + 1) / (k * (1 + 1 / (i + 1))))
            for prev in range(i):
                verts[i, prev] = -1.0 / (k * verts[prev, prev]) if verts[prev, prev] != 0 else 0
    verts = verts - verts.mean(axis=0)
    if nv >= 2:
        edge = np.linalg.norm(verts[0] - verts[1])
        if edge > 1e-8:
            verts = verts / edge
    return verts


def cm_validator(verts, k):
    """CMValidator.forward on verts [..., k+1, e]: (d2 pairs [..., n_pairs], vol2 [...])."""
    gram = np.einsum("...ve,...we->...vw", verts, verts)
    norms = np.diagonal(gram, axis1=-2, axis2=-1)
    d2 = np.maximum(norms[..., :, None] + norms[..., None, :] - 2 * gram, 0.0)
    pi, pj = zip(*combinations(range(k + 1), 2))
    cm = np.zeros(d2.shape[:-2] + (k + 2, k + 2))
    cm[..., 0, 1:] = 1.0
    cm[..., 1:, 0] = 1.0
    cm[..., 1:, 1:] = d2
    pref = (-1.0) ** (k + 1) / (2.0 ** k * math.factorial(k) ** 2)
    return d2[..., list(pi), list(pj)], pref * np.linalg.det(cm)


def init_params(d_model, seed):
    rng = Rng(seed)
    n_active = d_model - int(d_model * CFG["null_space_fraction"])

    def linear(out, n_in):
        b = 1.0 / math.sqrt(n_in)
        w = np.array([(2.0 * rng.next() - 1.0) * b for _ in range(out * n_in)], dtype=np.float32).reshape(out, n_in)
        return w.astype(np.float64), np.array([(2.0 * rng.next() - 1.0) * b for _ in range(out)], dtype=np.float32).astype(np.float64)

    experts = []
    for k in CFG["expert_ks"]:
        g = k * (k + 1) // 2 + 1
        dw, db = linear((k + 1) * CFG["edim"], n_active)
        vw, vb = linear(1, g)
        tmpl = build_regular_simplex(k, CFG["edim"]).astype(np.float32).astype(np.float64)
        experts.append(dict(k=k, g=g, template=tmpl, dw=dw, db=db, vw=vw, vb=vb, gamma=np.ones(g), beta=np.zeros(g)))
    for e in experts:
        e["gw"], e["gb"] = linear(n_active, e["g"])
    return dict(d=d_model, n_active=n_active, experts=experts)


def effective_alpha(a):
    if a == 0:
        return 0.0
    logit = np.float32(math.log(a / (1 - a)))
    s = 1.0 / (1.0 + math.exp(-float(logit)))
    return float(np.float32(min(CFG["alpha_max"], max(CFG["alpha_min"], s))))


def gfm(P, x, alphas):
    """The modulator on x [S, d] with alphas [n_experts] -> (out [S, d], gate mean [S], vol2 [n_experts, S])."""
    A = P["n_active"]
    active = x[:, :A]
    combined = np.ones_like(active)
    vols = []
    for e, a in zip(P["experts"], alphas):
        deform = (active @ e["dw"].T + e["db"]).reshape(len(x), e["k"] + 1, CFG["edim"])
        verts = e["template"] + CFG["deform_scale"] * deform
        d2, vol2 = cm_validator(verts, e["k"])
        geo = np.concatenate([d2, vol2[:, None]], axis=1)
        mu, var = geo.mean(1, keepdims=True), geo.var(1, keepdims=True)
        geo = (geo - mu) / np.sqrt(var + CFG["eps"]) * e["gamma"] + e["beta"]
        gate = 1.0 / (1.0 + np.exp(-(geo @ e["gw"].T + e["gb"])))
        combined = combined * ((1.0 - a) + a * gate)
        vols.append(vol2)
    out = x.copy()
    out[:, :A] = active * combined
    return out, combined.mean(1), np.array(vols)


def health_report(P, alphas):
    """alphas [L, E]: the seed's health_report fields (see params.ts / health.ts for what differs)."""
    on = alphas[alphas > 0]
    rep = {"alpha_mean": float(on.mean()), "alpha_std": float(on.std(ddof=1)), "alpha_min": float(on.min()), "alpha_max": float(on.max()),
           "alpha_layer": alphas.mean(1).tolist(), "experts": []}
    total = alphas.size
    for e in P["experts"]:
        _, v = cm_validator(e["template"][None], e["k"])
        rep["experts"].append({"k": e["k"], "template_vol2": float(v[0]),
                               "regular_vol2": (e["k"] + 1) / (2.0 ** e["k"] * math.factorial(e["k"]) ** 2),
                               "deform_weight_norm": float(np.linalg.norm(e["dw"])), "deform_norm": float(np.linalg.norm(e["db"]))})
        total += sum(e[n].size for n in ("dw", "db", "vw", "vb", "gw", "gb", "gamma", "beta"))
    rep["total_params"] = int(total)
    return rep


def cv_check(P, emb, n=500, seed=42):
    rng = Rng(seed)
    N = emb.shape[0]
    dims = min(CFG["edim"], P["n_active"], emb.shape[1])
    vols = []
    for _ in range(n):
        idx = [rng.int(N) for _ in range(5)]
        pts = emb[idx, :dims]
        if len({tuple(p) for p in pts}) < 5:  # a repeated point: vol2 would be rounding noise of either sign
            continue
        _, v = cm_validator(pts[None], 4)
        if v[0] > 0:
            vols.append(math.sqrt(v[0]))
    vols = np.array(vols)
    cv = float(vols.std(ddof=1) / vols.mean())
    return {"cv": cv, "mean_vol": float(vols.mean()), "valid_fraction": len(vols) / n,
            "in_band": abs(cv - CFG["cv_target"]) < CFG["cv_tolerance"], "dims": dims}




class Field:
    """The modulator at every block with one alpha row per block; records each block's diagnostics."""

    def __init__(self, P, alphas):
        self.P, self.alphas, self.log = P, alphas, {}

    def __call__(self, l, x):
        out, gm, vol2 = gfm(self.P, x, self.alphas[l])
        self.log[l] = (gm, vol2)
        return out

    def diagnostics(self):
        L = len(self.alphas)
        return {"validity": [[float((self.log[l][1][e] > 0).mean()) for e in range(len(self.alphas[l]))] for l in range(L)],
                "gate_mean": [float(self.log[l][0].mean()) for l in range(L)],
                "gate_mean_per_position": [self.log[l][0].tolist() for l in range(L)],
                "vol2": [self.log[l][1].tolist() for l in range(L)]}


def hf_hooked(fn):
    """Run fn with reference_hf_tiny's lerp hook replaced: modulate = {i: (i, field)} calls field(i, h)."""
    saved = hf._lerp
    hf._lerp = lambda h, ids, i, field: field(i, h)
    try:
        return fn()
    finally:
        hf._lerp = saved


def summary(x):
    return {"token_l2_norms": np.linalg.norm(x, axis=1).tolist(), "last_token": x[-1].tolist()}


def margin(lg):
    top = np.sort(lg)[-2:]
    return float(top[1] - top[0])


def decoder_record(name, fwd, prompt, L, d, emb):
    """fwd(ids, hook) -> (final [S, d], logits [S, V]); hook None = unmodulated."""
    P = init_params(d, SEED)
    E = len(CFG["expert_ks"])
    cases = []
    for a in ALPHAS:
        alphas = np.array([[effective_alpha(a)] * E for _ in range(L)])
        seq, gaps = list(prompt), []
        for _ in range(N_NEW):
            lg = fwd(seq, Field(P, alphas))[1][-1]
            gaps.append(margin(lg))
            seq.append(int(np.argmax(lg)))
        field = Field(P, alphas)
        final, _ = fwd(list(prompt), field)
        case = {"alpha": a, "alphas": alphas.tolist(), "generated": seq[len(prompt):], "final_prompt": summary(final),
                "min_margin": min(gaps), **field.diagnostics()}
        if a > 0:
            case["health"] = health_report(P, alphas)
        cases.append(case)
    return {"prompt_ids": list(prompt), "n_layers": L, "d_model": d, "n_active": P["n_active"],
            "cv_check": cv_check(P, emb), "cases": cases}


def t5_record(m):
    c = m["cfg"]
    ids = [41, 202, 38, 148, 78]
    L, d = c["num_layers"], c["d_model"]
    P = init_params(d, SEED)
    E = len(CFG["expert_ks"])
    cases = []
    for a in ALPHAS:
        alphas = np.array([[effective_alpha(a)] * E for _ in range(L)])
        field = Field(P, alphas)
        enc = hf_hooked(lambda: hf.encode(m, ids, {i: (i, field) for i in range(L)}))["final"]
        seq, gaps = [0], []
        for _ in range(N_NEW):
            lg = hf.decoder_forward(m, enc, seq)["logits"][-1]
            gaps.append(margin(lg))
            seq.append(int(np.argmax(lg)))
        case = {"alpha": a, "alphas": alphas.tolist(), "generated": seq[1:], "encoder_output": summary(enc), "min_margin": min(gaps), **field.diagnostics()}
        if a > 0:
            case["health"] = health_report(P, alphas)
        cases.append(case)
    return {"encoder_ids": ids, "decoder_start_id": 0, "n_layers": L, "d_model": d, "n_active": P["n_active"],
            "cv_check": cv_check(P, m["W"]["encoder.embed_tokens.weight"]), "cases": cases, "onnx": "t5/opset17/decoder_model.onnx"}


def param_count_512():
    """The seed's self-test size: d_model 512, 6 layers -> 38,552 parameters."""
    P = init_params(512, 0)
    return health_report(P, np.full((6, 3), 0.01))["total_params"]


def main():
    cfg, W = l2c.load_checkpoint(SHARED / "models" / "llama2c" / "stories260K.bin")
    tok = l2c.load_tokenizer(SHARED / "models" / "llama2c" / "stories260K.tok512.bin")
    prompt = l2c.encode(PROMPT_STORIES, tok)

    def stories(ids, field):
        r = l2c.forward(cfg, W, ids, hook=field)
        return r["final"], r["logits"]

    models = {"stories260K": decoder_record("stories260K", stories, prompt, cfg["n_layers"], cfg["dim"], W["emb"])}
    models["stories260K"]["prompt"] = PROMPT_STORIES
    g = hf.load("gpt2", str(SHARED))
    gp = json.load(open(SHARED / "fixtures" / "hf-tiny" / "gpt2" / "reference.json"))["sequences"][0]["input_ids"]
    L = hf.n_layers(g)

    def gpt2(ids, field):
        r = hf_hooked(lambda: hf.forward(g, ids, {i: (i, field) for i in range(L)}))
        return r["final"], r["logits"]

    models["gpt2"] = decoder_record("gpt2", gpt2, gp, L, g["cfg"]["n_embd"], g["W"]["transformer.wte.weight"])
    models["gpt2"]["onnx"] = "gpt2/opset17/model.onnx"
    models["t5"] = t5_record(hf.load("t5", str(SHARED)))

    # Self-checks: alpha 0 is the unmodulated model; the modulator leaves the null dims alone.
    seq = list(prompt)
    for _ in range(N_NEW):
        seq.append(int(np.argmax(l2c.forward(cfg, W, seq)["logits"][-1])))
    assert models["stories260K"]["cases"][0]["generated"] == seq[len(prompt):], "alpha 0 changed the stories260K continuation"
    P = init_params(64, SEED)
    x = np.random.default_rng(0).standard_normal((5, 64))
    out, _, _ = gfm(P, x, [0.35] * 3)
    assert np.array_equal(out[:, P["n_active"]:], x[:, P["n_active"]:])
    assert np.array_equal(gfm(P, x, [0.0] * 3)[0], x)

    # One block on seeded inputs, for the TypeScript float64 forward: x = Rng(11).normals(4 * 64) * 2.
    xu = Rng(11).normals(4 * 64).reshape(4, 64) * 2.0
    au = [effective_alpha(a) for a in (0.35, 0.2, 0.1)]
    ou, gu, vu = gfm(P, xu, au)
    unit = {"x_seed": 11, "x_scale": 2.0, "S": 4, "alphas": au, "out": ou.ravel().tolist(), "gate_mean": gu.tolist(), "vol2": vu.tolist()}

    fixture = l2c.round9({
        "source": {"script": "scripts/reference_gfm.py", "dtype": "float64", "numpy_version": np.__version__, "seed": SEED,
                   "config": {**CFG, "expert_ks": list(CFG["expert_ks"])}, "alphas": ALPHAS, "new_tokens": N_NEW,
                   "modulated_blocks": "every block", "param_count_d512_l6": param_count_512(),
                   "final_states": "final-norm output (HF last hidden state; T5: the encoder output)"},
        "unit": unit,
        "models": models,
    })
    for name, mm in fixture["models"].items():
        cs = mm["cases"]
        diffs = [sum(a != b for a, b in zip(cs[0]["generated"], c["generated"])) for c in cs]
        print(f"{name:12s} token differences by alpha {diffs}; smallest gap {min(c['min_margin'] for c in cs):.2e}; "
              f"gate means at alpha max {[round(v, 4) for v in cs[-1]['gate_mean']]}; cv {mm['cv_check']['cv']:.4f} valid {mm['cv_check']['valid_fraction']}")
        assert min(c["min_margin"] for c in cs) > 1e-4, f"{name}: a greedy step is too close to call in float32"
    print("params d512 L6:", fixture["source"]["param_count_d512_l6"])
    OUT.write_text(l2c.dumps(fixture) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
