/** Methods for the Geometry and Modulator views: the weight battery, the embedding battery, the intervention. */
export function MethodsGeometry() {
  return (
    <>
      <section className="panel" id="methods-weights">
        <h2>Weight battery</h2>
        <p>
          Every matrix of the weight catalog is taken as <code>[out, in]</code> row-major whatever way the file stores it (MatMul's <code>[in, out]</code>,
          Gemm's transB, DequantizeLinear and MatMulNBits dequantized), fused projections split the way the architecture packs them (GPT-2{' '}
          <code>c_attn</code>: <code>[q | k | v]</code> along the output axis; GPT-NeoX <code>query_key_value</code>: q, k, v interleaved per head), and named{' '}
          <code>wq.3</code>, <code>mlp_out.0</code>, <code>encoder.wq.1</code>. With <code>W = U diag(s) V^T</code> and all min(rows, cols) singular values
          (float64 Gram of the short side, Householder tridiagonalisation and implicit QL; values below 1e-4 of the largest recomputed on their own subspace):
        </p>
        <ul>
          <li>stable rank ‖W‖<sub>F</sub>² / s<sub>max</sub>²; participation ratio (Σs²)² / Σs⁴ (seed 05's (Σs)² / Σs² is reported beside it, named as the seed's);</li>
          <li>active fraction: share of s above 1% of s<sub>max</sub>; rank for 90% energy: smallest r with Σ<sub>i≤r</sub> s<sub>i</sub>² ≥ 0.9 Σs²; condition number s<sub>max</sub> / s<sub>min</sub> (∞ with a note when s<sub>min</sub> is at rounding level);</li>
          <li>sparsity: share of |w| below 1e-6, 1e-4, 1e-3, 1e-2, 1e-1;</li>
          <li>
            the empirical spectral density of WᵀW (eigenvalues λ = s², not divided by N) and its power-law fit as WeightWatcher does it: the continuous MLE
            α = 1 + n / Σ ln(λ / λ<sub>min</sub>) for every candidate λ<sub>min</sub>, keeping the one of least Kolmogorov-Smirnov distance; α<sub>weighted</sub> = α log₁₀ λ<sub>max</sub>,
            log spectral norm, log α-norm log₁₀ Σλ<sup>α</sup>, and the Marchenko-Pastur soft rank λ<sub>+</sub> / λ<sub>max</sub>; skipped, with the reason, below 50 eigenvalues.
          </li>
          <li>QK manifold per layer and head: M<sub>h</sub> = W<sub>Q,h</sub>ᵀ W<sub>K,g(h)</sub> ([d_model, d_model], score = xᵀ M y without the 1/√d_head scale or RoPE; g(h) the shared key head under GQA): singular values, stable rank, PR, symmetry deviation ‖M − Mᵀ‖<sub>F</sub> / ‖M‖<sub>F</sub>, and the eigenvalues of (M + Mᵀ) / 2 (counted positive or negative beyond 1e-9 of the largest |λ|).</li>
          <li>MLP neurons: importance of neuron j = ‖W<sub>in</sub>[j, :]‖ · ‖W<sub>out</sub>[:, j]‖ (gated MLPs also × ‖W<sub>gate</sub>[j, :]‖, the product seed 05 section 6 uses); dead below 1% of the layer's mean importance, weak below 10%.</li>
          <li>Seed 04's null test for each family across layers: cosine of Frobenius-normalised adjacent matrices, raw residual √(2 − 2cos), scalar-fit residual √(1 − cos²), improvement fraction, the scale track ‖W‖<sub>F</sub> per layer and the PCA of the centred log scale tracks with per-family loadings.</li>
        </ul>
      </section>
      <section className="panel" id="methods-embedding">
        <h2>Embedding battery</h2>
        <p>
          On the token embedding E [vocab, d_model], with seed 05's sample sizes and a seeded generator (mulberry32, seed 42 unless set; each measurement draws
          from its own): norm distribution and percentiles; pairwise cosines of sampled tokens; the covariance eigenspectrum (ddof 1) with its participation
          ratio and the dimensions holding 80/90/95/99% of the variance; Cayley-Menger volumes of random 5-point simplices, their coefficient of variation and
          their ratio to Gaussian points of the same per-dimension scale; the digit manifold (correlation of |i − j| with cosine over the tokens "0".."9");
          seed 05's semantic categories (only words that are one vocabulary piece; the others are listed). Hidden-state evolution over seed 05's ten sentences at
          resid_pre(0..L−1), resid_post(L−1) and the final norm's output (the seed reports Hugging Face's hidden_states, which skip resid_post(L−1)): mean token
          norm and mean pairwise token cosine within each sentence, averaged over sentences. Cross-model alignment (seed 05 13b): the wider embedding is reduced
          by PCA to the narrower width, rotated onto the other by orthogonal Procrustes on anchor tokens, and compared by cosine on held-out tokens.
        </p>
      </section>
      <section className="panel" id="methods-modulator">
        <h2>Residual modulator</h2>
        <p>
          Before block i the residual stream is replaced by h′ = (1 − α<sub>i</sub>) h + α<sub>i</sub> t (seed 05 section 7), inserted into the graph with α
          (one value per block) and the target t as inputs, so a slider changes an input, not the model. α = 0 gives the unmodified model's logits bit for bit;
          α = 1 makes resid_pre(i) the target. The seed trains α through a logit, α = σ(a); both are shown. Targets: the seed's geometric embedding (spectral
          embedding of a token similarity matrix, interpolated from anchors, Procrustes onto the residual stream's PCA), a steering vector (mean residual over
          prompt set A minus set B at a chosen layer, used as a lerp target), a seeded Gaussian (the null control, scaled to the mean residual norm) or a file.
          Impact measures: per-token cosine and norm ratio between original and modulated final states, the shift of their pairwise cosines, and the tokens
          that differ.
        </p>
      </section>
    </>
  );
}
