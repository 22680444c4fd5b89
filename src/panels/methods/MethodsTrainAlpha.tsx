/** Methods for the alpha training (seed 05 section 9): the task (decoder-only and T5), the finite-difference gradient and its check, the optimizer, what stays frozen. */
export function MethodsTrainAlpha() {
  return (
    <section className="panel" id="methods-train-alpha" aria-labelledby="methods-train-alpha-h" data-testid="methods-train-alpha">
      <h2 id="methods-train-alpha-h">Training the modulator’s alpha</h2>
      <p>
        Seed 05 section 9 freezes the model and trains the residual modulator on a definition → lemma task, watching where alpha settles. The lab trains the
        per-block alpha of the lerp <code>h' = (1 − α_l) h + α_l target</code> (the stream entering block l), stored as logits θ with α = sigmoid(θ), the seed’s
        parametrisation, starting from the seed’s α = 0.01 in every block. Data: the WordNet lemmas that are one token of the model (as the relational battery
        matches them), split 90/10 by a permutation from the lab’s seeded generator (seed 42 by default; the seed used <code>np.random.default_rng(42)</code>, whose
        stream the lab does not reproduce), reshuffled every epoch from the same stream. Decoder-only models learn it as a continuation: the input is BOS and the
        tokens of the definition followed by the fixed separator “. It is called”, the label is the lemma’s token as the next token, and the loss is the mean
        over the batch of the cross-entropy of the last position’s logits (natural log, nats). T5 is trained in the seed’s own setting (below).
      </p>
      <p>
        <strong>T5 (encoder-decoder).</strong> The lerp acts before each <em>encoder</em> block, toward the same geometric table built on the encoder (its
        embedding and its output for each anchor token), and θ has one entry per encoder block. The encoder reads the seed’s <code>"summarize: "</code> + definition,
        cut to its first 128 tokens (the seed’s MAX_INPUT_LEN); the labels are the lemma’s tokens (without special tokens) followed by EOS, as the seed’s tokenizer
        appends <code>&lt;/s&gt;</code> to the target. The decoder is teacher-forced on [decoder start 0, labels without the last], the shift Hugging Face’s T5 applies to
        <code>labels</code>; the seed’s own code passes the unshifted labels as the decoder’s input ids, so each position could read the token it is asked to predict,
        which the lab does not reproduce. The loss is the seed’s <code>F.cross_entropy</code> over the flattened labels with padding ignored: the mean over every
        label token of the batch, not the mean of per-example means. Each example runs alone (no padding), which gives the seed’s padded-batch numbers on the real
        tokens. The encoder input gets no <code>&lt;/s&gt;</code>, as in the relational battery, although the seed’s tokenizer would append one. A T5 without a
        tokenizer (the lab’s tiny test model) trains on UTF-8 bytes as ids, only when asked (<code>--byte-ids</code>): a lemma is then one token when it is one
        byte, and 62 letters and digits qualify (55 train, 7 validation). The check is the same as for stories260K: a float64 numpy T5 written independently of the lab (checked against
        PyTorch), made complex-capable (softmax shifted by the real part, relu decided on the real part, which the complex step never moves), gives the exact
        gradient; the lab’s loss equals it to 10⁻⁸ relative. T5’s relu makes the loss only piecewise smooth: within ±0.03 of θ up to about 1,500 relu inputs of
        a 32-example batch change sign, so the central difference at h = 0.03 is a secant across kinks. It differs from the exact gradient by 0.02% of the largest
        entry at α = 0.01 and 0.4% at α = (0.29, 0.1), and a float64 central difference at the same h differs by the same amounts, so the gap is the function’s,
        not float32 noise (T5’s loss, a mean over 64 label tokens, is ten times quieter than stories260K’s). The same h is kept; the test allows 1%. The tiny T5
        has random weights, so its losses (5.6 to 5.9 nats, near ln 256 = 5.55) check the plumbing, not the seed’s result: a 20-epoch run at learning rate 0.1 lowers its
        validation loss from 5.860 to 5.770 with both alphas near 0.095.
      </p>
      <p>
        <strong>Gradient.</strong> onnxruntime computes no gradients through the frozen graph, so each step takes central finite differences of the batch loss
        with respect to each θ_l, g_l = (L(θ + h e_l) − L(θ − h e_l)) / 2h, through the real modulated ONNX graph in float32: 2 × blocks extra passes of the batch
        per step. The step h = 0.03 in θ comes from an error analysis: the truncation error is h²/6 |L‴| and the float32 loss carries noise of about 5 × 10⁻⁷
        nats (measured on a 10⁻⁶ grid), which contributes up to that noise / h. Against the exact gradient on stories260K (below), h = 10⁻⁴ to 3 × 10⁻³ is
        noise-dominated (errors of 2% to 40% of the largest entry at α = 0.01, where the gradient is only about 0.008), h = 0.03 gives 0.11% there and 0.06% at
        α near 0.2 to 0.4, and h ≥ 0.1 is truncation-dominated. The reference is a float64 numpy forward of stories260K written independently of the lab,
        made complex-capable and differentiated by the complex step, dL/dθ = Im L(θ + i·10⁻²⁰) / 10⁻²⁰, which involves no subtraction and is exact to float64
        rounding (a float64 central difference agrees to 10⁻⁸); the lab’s loss equals the reference’s to 10⁻⁷ relative, and a test holds the finite-difference
        gradient to 1% of its largest entry.
      </p>
      <p>
        <strong>Optimizer.</strong> The seed’s: AdamW as PyTorch computes it (decoupled weight decay 0.01, betas 0.9 / 0.999, ε 10⁻⁸), learning rate 10⁻³
        annealed by a cosine over the epochs (CosineAnnealingLR, stepped per epoch), gradient-norm clipping at 1.0, batch 32, 10 epochs. The weight decay acts on
        θ, so it pulls α toward 0.5. The train loss of an epoch is the mean of its batch losses at the θ each batch started from; the validation loss is taken
        after the epoch; both as the seed reports them.
      </p>
      <p>
        <strong>Frozen.</strong> The target is the seed’s geometric per-token table (the geometric embedding projected into the residual stream, built once from a
        fixed seed) and it is not trained: the seed also trains the embedding and the projection, but finite differences over their vocab × 64 + 64 × d_model
        parameters would need that many pairs of passes per step, which is not an honest use of the method. Only alpha moves.
      </p>
      <p>
        <strong>What to expect on stories260K.</strong> Its 512-token vocabulary leaves 51 single-token lemmas (45 train, 6 validation: two steps an epoch), so
        with the seed’s learning rate alpha moves by about 10⁻⁴ in 10 epochs and the validation loss falls by about 3 × 10⁻⁴ nats (7.48142 → 7.48110). With a
        learning rate of 0.1 and 100 epochs the validation loss falls to 6.69 and alpha settles per block rather than at one value (about 0.0005, 0.17, 0.14,
        0.05, 0.53; mean 0.18, 0.11 from the seed’s 0.29154); other rates and separators move the blocks differently. Six validation examples make these numbers
        noisy; they describe this model and task, not the seed’s T5 result.
      </p>
    </section>
  );
}
