/**
 * The Geometric Field Modulator's configuration (seed 05 section 12, `FieldModulatorConfig`), inference
 * only: the seed's defaults, and the sizes derived from them. Training-only fields of the seed
 * (gradient_scale, track_cv, the validity EMA) have no counterpart here: nothing is trained.
 */

export interface FieldModulatorConfig {
  /** residual width d_model */ dModel: number;
  /** blocks of the modulated stack (one alpha row each) */ nLayers: number;
  /** one KSimplexChannel expert per k: edge, triangle, pentachoron */ expertKs: readonly number[];
  /** simplex embedding dimension of every expert */ edim: number;
  /** the seed's starting alpha (logit ln(0.01 / 0.99)) */ initialAlpha: number;
  /** alpha floor after the sigmoid */ alphaMin: number;
  /** alpha ceiling after the sigmoid: the seed's binding/separation boundary margin */ alphaMax: number;
  /** fraction of d_model left untouched: int(d_model * fraction) dims, the tail ones */ nullSpaceFraction: number;
  /** scale of the learned vertex deformation added to the frozen template */ deformScale: number;
  /** the pentachoron CV the seed calls universal, and the band half-width around it */ cvTarget: number;
  cvTolerance: number;
  /** torch.nn.LayerNorm's default eps */ layerNormEps: number;
}

/** The seed's defaults for everything but the model's sizes. */
export const FIELD_DEFAULTS = {
  expertKs: [1, 2, 4],
  edim: 8,
  initialAlpha: 0.01,
  alphaMin: 0.001,
  alphaMax: 0.35,
  nullSpaceFraction: 0.25,
  deformScale: 0.05,
  cvTarget: 0.21,
  cvTolerance: 0.05,
  layerNormEps: 1e-5,
} as const satisfies Omit<FieldModulatorConfig, 'dModel' | 'nLayers'>;

/** A config with the seed's defaults for a model of this width and depth. */
export function fieldConfig(dModel: number, nLayers: number, over: Partial<FieldModulatorConfig> = {}): FieldModulatorConfig {
  const c: FieldModulatorConfig = { ...FIELD_DEFAULTS, dModel, nLayers, ...over };
  if (!Number.isInteger(c.dModel) || c.dModel < 2 || !Number.isInteger(c.nLayers) || c.nLayers < 1) throw new RangeError(`field modulator: bad sizes d_model ${c.dModel}, n_layers ${c.nLayers}`);
  for (const k of c.expertKs) if (!Number.isInteger(k) || k < 1 || k > c.edim) throw new RangeError(`field modulator: expert k = ${k} needs 1 <= k <= edim (${c.edim})`);
  if (activeDims(c) < 1) throw new RangeError('field modulator: the null space takes every dimension');
  return c;
}

/** int(d_model * null_space_fraction): the seed truncates toward zero. */
export const nullDims = (c: FieldModulatorConfig): number => Math.trunc(c.dModel * c.nullSpaceFraction);

/** The leading d_model - n_null dims the experts read and the gate scales. */
export const activeDims = (c: FieldModulatorConfig): number => c.dModel - nullDims(c);

/** k + 1 vertices of a k-simplex. */
export const nVertices = (k: number): number => k + 1;

/** C(k+1, 2) pairwise squared distances. */
export const nPairs = (k: number): number => ((k + 1) * k) / 2;

/** An expert's geometric features: its pairwise d^2 and vol^2 (CMValidator.out_dim). */
export const geoDim = (k: number): number => nPairs(k) + 1;

/** The vertex pairs (i < j) in itertools.combinations order: the order of the d^2 features. */
export function vertexPairs(k: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= k; i++) for (let j = i + 1; j <= k; j++) out.push([i, j]);
  return out;
}
