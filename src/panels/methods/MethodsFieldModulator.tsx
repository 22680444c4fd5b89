/** Methods: the seed's Geometric Field Modulator (seed 05 section 12) as the lab runs it, and what differs from the seed. */
export function MethodsFieldModulator() {
  return (
    <section className="panel" id="methods-field-modulator" aria-labelledby="methods-field-h">
      <h2 id="methods-field-h">Geometric Field Modulator</h2>
      <p>
        The Modulator’s second type follows seed 05 section 12, inference only. Before each selected block, the first d_model − ⌊0.25 d_model⌋ dims of the stream
        (the tail quarter is the untouched null space) feed three experts k = 1, 2, 4. Each maps them to a deformation of a frozen k-simplex template in 8 dims
        (vertices = template + 0.05 · Linear(h<sub>a</sub>)), computes the pairwise squared distances and vol² from the Cayley-Menger determinant, layer-normalises
        those features and turns them into a sigmoid gate over the active dims. The stream becomes h<sub>a</sub> · ∏<sub>k</sub> ((1 − α<sub>k</sub>) + α<sub>k</sub>{' '}
        gate<sub>k</sub>), with α = clamp(sigmoid(logit), 0.001, 0.35) per block and expert; α = 0 leaves a block bit-identical. The graph does this with ONNX nodes
        (Det for the determinant), so a slider changes the <code>field_alpha</code> input only.
      </p>
      <p>
        Weights: the seed trains them; the lab does not. They are drawn as PyTorch initialises them (Linear weight and bias U(−1/√in, 1/√in), LayerNorm ones and
        zeros), from the lab’s seeded generator instead of torch’s, in the seed’s construction order (per expert: deform, validity projection; then the gate
        projections), so <code>scripts/reference_gfm.py</code> rebuilds them bit for bit. With d_model 512 and 6 blocks this is the seed’s 38,552 parameters. At
        such an initialisation every gate sits near 0.5, so the modulator mostly shrinks the active dims by about (1 − α/2)³; what it does after training is not
        measured here.
      </p>
      <p>
        What differs from the seed, and why. (1) <code>build_regular_simplex</code> is mirrored as written; it is regular only for k = 1 (k = 2 has edges 1,
        1.10, 0.92; its vol² is 0.18827, not 3/16), and the health report shows both. (2) Validity is the fraction of prompt positions whose expert simplex has
        vol² &gt; 0 in the shown forward, per block and expert; the seed’s number is a moving average kept only while training, which would stay 0 here. (3) The
        seed’s <code>deform_norm_k</code> key is written twice, weight then bias, so it holds the bias norm; the lab shows both, named. (4) The CV check draws 500
        five-point sets of static-embedding rows with the lab’s generator (seed 42, with replacement), uses their first 8 dims and counts a set that repeats a
        point as degenerate, since its computed vol² is rounding noise of either sign. (5) Alpha statistics cover the modulated blocks only. (6) For k = 1 the two
        features (d² and vol²) are equal, so its layer norm sees rounding noise and its gate is in effect sigmoid of the bias: a property of the seed’s design,
        kept.
      </p>
    </section>
  );
}
