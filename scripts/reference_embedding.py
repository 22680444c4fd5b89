#!/usr/bin/env python3
"""numpy/scipy reference for src/analysis/embedding -> fixtures/embedding.reference.json.

Seed 05's embedding-geometry battery (sections 1, 13a, 13b) on stories260K's token embedding
[512, 64], written the way the seed's code computes it (np.linalg.norm, triu cosines, eigvalsh,
Cayley-Menger with np.linalg.det, np.corrcoef, SVD-PCA, scipy.linalg.orthogonal_procrustes), all in
float64 on the float32 weights. Random draws come from scripts/rng.py (the bit-identical mirror of
src/linalg/cpu/rng.ts) in the order the TypeScript documents, so both sides use the same samples.
Also: hidden-state evolution over seed 05's ten test sentences through reference_llama2c.forward
(the float32-rounded states are stored, so the TypeScript test measures exactly the same inputs),
and the 13b alignment of hf-tiny llama's embedding onto stories260K's first 256 rows (a mechanics
test: the two models share no real vocabulary).
Usage: python3 scripts/reference_embedding.py [shared_dir]   (default: ../shared next to the repo)
"""
import hashlib
import math
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy.linalg import orthogonal_procrustes

from onnx_read import read_onnx
from reference_llama2c import dumps, encode, forward, load_checkpoint, load_tokenizer
from rng import Rng

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared"
CKPT = SHARED / "models" / "llama2c" / "stories260K.bin"
TOK = SHARED / "models" / "llama2c" / "stories260K.tok512.bin"
HF_LLAMA = SHARED / "fixtures" / "hf-tiny" / "llama" / "opset14" / "model.onnx"
OUT = REPO / "fixtures" / "embedding.reference.json"
# The hidden states fed to the evolution test, raw little-endian float32 (kept out of the JSON: base64 made it 0.6 MB).
STATES_OUT = REPO / "fixtures" / "embedding-states.f32le"
STATES = bytearray()

SEED = 42
PCTL = [1, 5, 25, 50, 75, 95, 99]
ALIGN_PCTL = [1, 5, 10, 25, 50, 75, 90, 95, 99]
MARKS = [0.0, 0.1, 0.2, 0.29514, 0.3, 0.5, 0.7, 0.9]
FRACTIONS = [0.80, 0.90, 0.95, 0.99]
EPS = 1e-8

# Seed 05, section 1, verbatim.
SEED_CATEGORIES = {
    "animals": ["cat", "dog", "bird", "fish", "horse", "mouse", "bear", "wolf", "deer", "fox",
                "lion", "tiger", "snake", "whale", "frog", "rabbit", "monkey", "elephant"],
    "colors": ["red", "blue", "green", "yellow", "black", "white", "orange", "purple", "brown", "pink"],
    "numbers": ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
    "body": ["head", "hand", "eye", "foot", "arm", "leg", "face", "mouth", "heart", "brain"],
    "food": ["bread", "meat", "rice", "milk", "fish", "salt", "sugar", "cheese", "fruit", "water"],
    "emotions": ["happy", "sad", "angry", "fear", "love", "hate", "joy", "hope", "pain", "calm"],
    "actions": ["run", "walk", "jump", "fly", "swim", "eat", "sleep", "talk", "think", "write"],
    "time": ["day", "night", "year", "month", "week", "hour", "morning", "evening", "today", "tomorrow"],
}
# stories260K's 512-piece vocabulary holds almost none of the seed's words, so the category
# arithmetic is also checked on categories built from words it does hold (not a seed measurement).
VOCAB_CATEGORIES = {
    "names": ["Lily", "Tim", "Timmy"],
    "pronouns": ["he", "she", "they", "her", "his", "you", "it", "we"],
    "function": ["the", "and", "to", "of", "for", "with", "but", "that", "so", "in", "on", "up"],
    "verbs": ["was", "had", "said", "saw", "play", "want", "named", "do", "be"],
}
SENTENCES = [  # seed 05, section 1, test_sentences
    "The cat sat on the mat.",
    "Quantum mechanics describes the behavior of particles at the atomic scale.",
    "She quickly ran to the store before it closed.",
    "The derivative of x squared is two x.",
    "Red and blue make purple when mixed together.",
    "The president signed the new trade agreement yesterday.",
    "Three plus four equals seven.",
    "Love is patient, love is kind.",
    "The function returns a sorted list of integers.",
    "Mount Everest is the tallest mountain in the world.",
]


def pct(x, levels):
    return [{"p": p, "value": float(np.percentile(x, p))} for p in levels]


def summary(x, levels=PCTL, bins=100):
    x = np.asarray(x, dtype=np.float64)
    counts, edges = np.histogram(x, bins=bins)
    return {"n": int(x.size), "mean": float(x.mean()), "std": float(x.std()), "min": float(x.min()),
            "max": float(x.max()), "median": float(np.median(x)), "percentiles": pct(x, levels),
            "histogram": {"edges": edges.tolist(), "counts": counts.tolist()}}


def unit_rows(x):
    return x / (np.linalg.norm(x, axis=1, keepdims=True) + EPS)


def triu(m):
    return m[np.triu_indices(m.shape[0], k=1)]


# ------------------------------------------------------------ section 1 / 13a
def norms_block(E):
    norms = np.linalg.norm(E, axis=1)
    return {"summary": summary(norms, PCTL, 100), "argmin": int(norms.argmin()), "argmax": int(norms.argmax()),
            "zero_count": int((norms < 1e-6).sum()), "norms_head": norms[:16].tolist()}


def cosines_block(E, sample_tokens=5000):
    V = E.shape[0]
    m = min(sample_tokens, V)
    ids = np.arange(V) if m == V else np.array(Rng(SEED).sample(V, m))
    cos = triu(unit_rows(E[ids]) @ unit_rows(E[ids]).T)
    marks = [{"value": v, "fraction": float((np.abs(cos - v) < 0.01).mean())} for v in MARKS]
    return {"sample_tokens": m, "n_pairs": int(cos.size), "summary": summary(cos, PCTL, 200), "marks": marks}


def spectrum_block(E, sample_rows=10000, ddof=1):
    V, d = E.shape
    n = min(sample_rows, V)
    X = E if n == V else E[np.array(Rng(SEED).sample(V, n))]
    Xc = X - X.mean(axis=0)
    cov = (Xc.T @ Xc) / (n - ddof)
    ev = np.linalg.eigvalsh(cov)[::-1]
    total = ev.sum()
    cum = np.cumsum(ev) / total
    pr = total ** 2 / (ev ** 2).sum()
    return {"rows": n, "divisor": n - ddof, "eigenvalues": ev.tolist(), "total_variance": float(total),
            "top_fraction": float(ev[0] / total), "participation_ratio": float(pr),
            "participation_per_dim": float(pr / d), "cumulative": cum.tolist(),
            "dims_for": [{"fraction": f, "dims": int(min(np.searchsorted(cum, f) + 1, d))} for f in FRACTIONS]}


def cayley_menger_volume_sq(points):
    """The seed's function (05, section 13a), in float64."""
    n = len(points)
    D = np.zeros((n + 1, n + 1))
    D[0, 1:] = 1
    D[1:, 0] = 1
    for i in range(n):
        for j in range(i + 1, n):
            d_sq = np.sum((points[i] - points[j]) ** 2)
            D[i + 1, j + 1] = d_sq
            D[j + 1, i + 1] = d_sq
    k = n - 1
    return (-1) ** (k + 1) * np.linalg.det(D) / (2 ** k * math.factorial(k) ** 2)


def volume_set(vols):
    v = np.array(vols)
    return {"valid": int(v.size), "volumes": v.tolist(), "summary": summary(v, PCTL, 100),
            "cv": float(v.std() / v.mean())}


def simplices_block(E, count=1000, points=5):
    V, d = E.shape
    rng = Rng(SEED)
    dim_stds = E.std(axis=0, ddof=1)  # 13a: torch .std(dim=0), unbiased
    embed = []
    for _ in range(count):  # embedding simplices first, then the Gaussian ones (13a's loop order)
        v2 = cayley_menger_volume_sq(E[rng.sample(V, points)])
        if v2 > 0:
            embed.append(math.sqrt(v2))
    gauss = []
    for _ in range(count):
        v2 = cayley_menger_volume_sq(rng.normals(points * d).reshape(points, d) * dim_stds)
        if v2 > 0:
            gauss.append(math.sqrt(v2))
    e, g = volume_set(embed), volume_set(gauss)
    return {"requested": count, "points": points, "embedding": e, "gaussian": g,
            "per_dim_std": dim_stds.tolist(), "ratio": e["summary"]["mean"] / g["summary"]["mean"]}


def digits_block(E, ids):
    c = unit_rows(E[ids]) @ unit_rows(E[ids]).T
    pairs = [(j - i, c[i, j]) for i in range(10) for j in range(i + 1, 10)]
    dist, cos = zip(*pairs)
    adj = float(np.mean([v for k, v in pairs if k == 1]))
    non = float(np.mean([v for k, v in pairs if k > 1]))
    return {"ids": ids, "cosines": c.flatten().tolist(), "correlation": float(np.corrcoef(dist, cos)[0, 1]),
            "adjacent_mean": adj, "non_adjacent_mean": non, "gap": adj - non}


def resolve(words, lookup, forms):
    found, skipped = [], []
    for w in words:
        piece = next((f for f in forms(w) if f.encode() in lookup), None)
        if piece is None:
            skipped.append(w)
        else:
            found.append((piece, lookup[piece.encode()]))
    return found, skipped


def categories_block(E, cats, lookup, global_mean):
    out, cents, names = [], [], []
    for name, words in cats.items():
        found, skipped = resolve(words, lookup, lambda w: [" " + w, w])
        ids = [i for _, i in found]
        rec = {"name": name, "n": len(ids), "ids": ids, "words": [p for p, _ in found], "skipped_words": skipped,
               "skipped": len(ids) < 3, "intra_cos": None, "intra_std": None, "lift": None}
        if len(ids) >= 3:
            intra = triu(unit_rows(E[ids]) @ unit_rows(E[ids]).T)
            rec.update(intra_cos=float(intra.mean()), intra_std=float(intra.std()),
                       lift=float(intra.mean() - global_mean))
            cents.append(E[ids].mean(axis=0))
            names.append(name)
        out.append(rec)
    cc = (unit_rows(np.stack(cents)) @ unit_rows(np.stack(cents)).T).flatten().tolist() if cents else []
    return {"global_mean_cos": float(global_mean), "categories": out, "centroid_names": names, "centroid_cosines": cc}


# ------------------------------------------------------------ hidden states
def evolution_block(cfg, W, tok):
    L = cfg["n_layers"]
    sents, per_layer = [], [[] for _ in range(L + 1)]
    for text in SENTENCES:
        ids = encode(text, tok)
        fw = forward(cfg, W, ids)
        # HF hidden_states convention (what the seed reads): [k] = resid_pre of block k for k < L,
        # [L] = ln_final(resid_post of block L-1). Rounded to float32, the precision the lab taps.
        hs = [fw["pre"][k] for k in range(L)] + [fw["final"]]
        hs32 = [h.astype("<f4") for h in hs]
        # Each boundary's [S, d] block at a float32 offset into STATES_OUT.
        offsets = []
        for h in hs32:
            offsets.append(len(STATES) // 4)
            STATES.extend(h.tobytes())
        sents.append({"text": text, "ids": ids, "states_f32_offsets": offsets})
        for k, h in enumerate(hs32):
            h = h.astype(np.float64)
            n = np.linalg.norm(h, axis=1)
            pc = triu(unit_rows(h) @ unit_rows(h).T)
            per_layer[k].append((n.mean(), n.std(), pc.mean(), pc.std()))
    layers = [{"layer": k, "mean_norm": float(np.mean([r[0] for r in rows])),
               "std_norm": float(np.mean([r[1] for r in rows])), "mean_cos": float(np.mean([r[2] for r in rows])),
               "std_cos": float(np.mean([r[3] for r in rows]))} for k, rows in enumerate(per_layer)]
    return {"boundaries": "HF hidden_states: [k] = blocks.k.hook_resid_pre for k < L, [L] = ln_final.hook_normalized",
            "sentences": sents, "layers": layers,
            "sentence_mean_norm": [[float(r[0]) for r in rows] for rows in per_layer],
            "sentence_mean_cos": [[float(r[2]) for r in rows] for rows in per_layer]}


# ------------------------------------------------------------ section 13b
def alignment_block(A, B, pca_rows=50000, anchors=10000, held_out=5000, rel_tokens=1000):
    n, dA = A.shape
    dB = B.shape[1]
    source = "a" if dA > dB else "b"
    src, tgt = (A, B) if source == "a" else (B, A)
    k = tgt.shape[1]
    nA, nT = anchors, held_out
    if n < nA + nT:
        nA = n * anchors // (anchors + held_out)
        nT = n - nA
    rng = Rng(SEED)
    nP = min(pca_rows, n)
    fit = src if nP == n else src[np.array(rng.sample(n, nP))]
    mean_l = fit.mean(axis=0)
    _, S, Vt = np.linalg.svd(fit - mean_l, full_matrices=False)
    proj = (src - mean_l) @ Vt[:k].T
    retained = (S[:k] ** 2).sum() / (S ** 2).sum()
    split = np.array(rng.sample(n, nA + nT))
    a_idx, t_idx = split[:nA], split[nA:]
    mu_l, mu_s = proj[a_idx].mean(axis=0), tgt[a_idx].mean(axis=0)
    R, scale = orthogonal_procrustes(proj[a_idx] - mu_l, tgt[a_idx] - mu_s)
    aligned = (proj - mu_l) @ R + mu_s

    def cos_rows(X, Y):  # 13b's cos_sim_rows
        return (X * Y).sum(axis=1) / (np.linalg.norm(X, axis=1) * np.linalg.norm(Y, axis=1) + EPS)

    all_cos = cos_rows(tgt, aligned)
    dist = np.linalg.norm(tgt - aligned, axis=1)
    rel = t_idx[:rel_tokens]
    fs, fa = triu(unit_rows(tgt[rel]) @ unit_rows(tgt[rel]).T), triu(unit_rows(aligned[rel]) @ unit_rows(aligned[rel]).T)
    return {"tokens": n, "source": source, "source_dim": src.shape[1], "target_dim": k, "pca_rows": nP,
            "variance_retained": float(retained), "anchor_ids": a_idx.tolist(), "held_out_ids": t_idx.tolist(),
            "procrustes_scale": float(scale),
            "held_out_cos": summary(all_cos[t_idx], ALIGN_PCTL, 100),
            "held_out_distance": summary(dist[t_idx], ALIGN_PCTL, 100),
            "relational_correlation": float(np.corrcoef(fs, fa)[0, 1]),
            "relational_mean_abs_diff": float(np.abs(fs - fa).mean()),
            "all_cos": summary(all_cos, ALIGN_PCTL, 200),
            "all_cos_above": [{"threshold": t, "fraction": float((all_cos > t).mean())}
                              for t in [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]]}


def round10(o):  # 10 significant digits: far below the 1e-6 test tolerance
    if isinstance(o, float):
        return float(f"{o:.10g}")
    return {k: round10(v) for k, v in o.items()} if isinstance(o, dict) else \
        [round10(v) for v in o] if isinstance(o, list) else o


def main():
    cfg, W = load_checkpoint(CKPT)
    tok = load_tokenizer(TOK)
    E = W["emb"]  # float64 copy of the float32 weights, [512, 64]
    lookup = tok[2]
    digit_found, missing = resolve([str(i) for i in range(10)], lookup, lambda w: [w, " " + w])
    assert not missing, f"digits not single pieces: {missing}"
    cos = cosines_block(E)
    _, inits = read_onnx(HF_LLAMA)
    B = inits["model.embed_tokens.weight"].astype(np.float64)  # [256, 64]
    fixture = round10({
        "source": {"checkpoint_sha256": hashlib.sha256(CKPT.read_bytes()).hexdigest(),
                   "tokenizer_sha256": hashlib.sha256(TOK.read_bytes()).hexdigest(),
                   "hf_tiny_llama_sha256": hashlib.sha256(HF_LLAMA.read_bytes()).hexdigest(),
                   "script": "scripts/reference_embedding.py", "dtype": "float64",
                   "numpy_version": np.__version__, "scipy_version": scipy.__version__},
        "rng_seed": SEED,
        "stories260K": {
            "vocab": E.shape[0], "dim": E.shape[1],
            "norms": norms_block(E),
            "cosines": cos,
            "spectrum": spectrum_block(E),
            "spectrum_ddof0": spectrum_block(E, ddof=0),
            "simplices": simplices_block(E),
            "digits": dict(digits_block(E, [i for _, i in digit_found]), pieces=[p for p, _ in digit_found]),
            "categories": categories_block(E, SEED_CATEGORIES, lookup, cos["summary"]["mean"]),
            "vocab_categories": categories_block(E, VOCAB_CATEGORIES, lookup, cos["summary"]["mean"]),
            "evolution": evolution_block(cfg, W, tok),
        },
        "alignment": dict(alignment_block(E[:256], B),
                          a="stories260K token_embedding_table[:256]", b="hf-tiny llama model.embed_tokens.weight"),
    })
    OUT.write_text(dumps(fixture) + "\n", encoding="utf-8")
    STATES_OUT.write_bytes(bytes(STATES))
    s = fixture["stories260K"]
    print(f"wrote {OUT.relative_to(REPO)} ({OUT.stat().st_size} bytes)")
    print(f"norm mean {s['norms']['summary']['mean']:.4f}; mean cos {s['cosines']['summary']['mean']:.4f} "
          f"over {s['cosines']['n_pairs']} pairs; PR {s['spectrum']['participation_ratio']:.2f} of {s['dim']}; "
          f"dims 80/90/95/99: {[x['dims'] for x in s['spectrum']['dims_for']]}")
    print(f"simplices: {s['simplices']['embedding']['valid']} valid, CV {s['simplices']['embedding']['cv']:.4f}, "
          f"ratio to Gaussian {s['simplices']['ratio']:.4f}; digit |i-j| corr {s['digits']['correlation']:.4f}")
    print("seed categories measured:", [c["name"] for c in s["categories"]["categories"] if not c["skipped"]])
    a = fixture["alignment"]
    print(f"alignment: held-out cos mean {a['held_out_cos']['mean']:.4f}, variance retained {a['variance_retained']}, "
          f"relational r {a['relational_correlation']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
