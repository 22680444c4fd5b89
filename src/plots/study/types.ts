/**
 * What the study figures are built from: per model, the per-prompt values of one gain
 * definition and the facts a figure needs, already named. The state layer assembles this from
 * swept and imported models; the builders here are pure (data in, Plotly spec out).
 */

/** The gain definition a figure shows, as the caption states it. */
export interface FigureDefinition {
  /** e.g. "G_block(L-1)" */
  label: string;
  /** e.g. "||resid_post(L-1)|| / ||resid_pre(L-1)||" */
  formula: string;
}

export interface FigurePrompt {
  prompt: string;
  category: string | null;
  /** the gain of this prompt under the figure's definition */
  value: number;
  /** next-token entropy, nats; null when the source has none */
  entropy: number | null;
}

export interface FigureModel {
  key: string;
  label: string;
  /** the model came from a seed notebook's file */
  imported: boolean;
  rho: number | null;
  normType: string | null;
  prompts: FigurePrompt[];
  /** mean and sample std (ddof = 1) over prompts, or as the file states it; null when there is none */
  mean: number | null;
  std: number | null;
  /** G_block(i) per layer over prompts (swept models) */
  perLayer: { mean: number[]; std: (number | null)[] } | null;
  /** a per-layer curve a file states (means over prompts), with what each point is */
  layerCurve: { definition: string; values: number[] } | null;
}

export interface StudyFigureInput {
  definition: FigureDefinition;
  /** "the last prompt token" or "the mean over the prompt's tokens" (plus imported files' positions) */
  position: string;
  models: FigureModel[];
  /** the H25 threshold on rho */
  threshold: number;
  /** least-squares line of mean G on rho, or why there is none */
  regression: { slope: number; intercept: number; r: number | null; p: number | null } | { reason: string };
}

/** Colours per model, in queue order, stable across figures. */
export const MODEL_COLORS = ['#1f5f99', '#c2571a', '#2b7a4b', '#8e3b8a', '#b8860b', '#2a8a8a', '#a33b3b', '#55606e'];
export const colorAt = (i: number): string => MODEL_COLORS[i % MODEL_COLORS.length];

/** Norm types are coloured as the seeds do: LayerNorm blue, RMSNorm orange. */
export const NORM_COLORS: Record<string, string> = { LayerNorm: '#1f77b4', RMSNorm: '#ff7f0e' };
