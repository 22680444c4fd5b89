/**
 * What one field-modulated forward reports (the Modulator's result, the CLI's --json, the panel's
 * table): the alphas used, the parameter-only health report, per-forward validity and gate means from
 * the graph's diagnostic outputs, and the CV check on the model's static embedding.
 */
import { activeDims, type FieldModulatorConfig } from './config';
import { forwardValidity, healthReport, type CvCheck, type FieldHealthReport, type ForwardValidity } from './health';
import type { FieldParams } from './params';

export interface FieldBlockDiagnostics {
  /** [S] mean combined gate per position */ gateMean: ArrayLike<number>;
  /** per expert, [S] raw vol^2 per position */ vol2: ArrayLike<number>[];
}

export interface FieldReport {
  /** the Rng seed of the weights */ seed: number;
  config: Pick<FieldModulatorConfig, 'expertKs' | 'edim' | 'alphaMin' | 'alphaMax' | 'nullSpaceFraction' | 'deformScale' | 'cvTarget' | 'cvTolerance'> & { nActive: number; nNull: number };
  /** [n_blocks, n_experts] the alphas fed (after the seed's clamp; 0 = block not modulated) */ alphas: number[][];
  /** some requested alpha was moved by the clamp [alpha_min, alpha_max] */ clamped: boolean;
  health: FieldHealthReport;
  /** fraction of vol^2 > 0 per block and expert over the prompt's positions, and gate means */ validity: ForwardValidity;
  /** per block: gate means and expert vol^2 per prompt position */ perBlock: { gateMean: number[]; vol2: number[][] }[];
  /** the seed's cv_check on the static token embedding */ cv: CvCheck;
}

/** Assemble the report from the parameters, the fed alphas [n_blocks, n_experts] and the forward's diagnostics. */
export function fieldReport(p: FieldParams, alphas: Float32Array, clamped: boolean, blocks: readonly FieldBlockDiagnostics[], cv: CvCheck): FieldReport {
  const c = p.config;
  const E = p.experts.length;
  const health = healthReport(p, alphas);
  const perBlock = blocks.map((b) => ({ gateMean: Array.from(b.gateMean), vol2: b.vol2.map((v) => Array.from(v)) }));
  const flat = perBlock.map((b) => ({ gateMean: b.gateMean, vol2: b.vol2.flat() }));
  return {
    seed: p.seed,
    config: {
      expertKs: [...c.expertKs],
      edim: c.edim,
      alphaMin: c.alphaMin,
      alphaMax: c.alphaMax,
      nullSpaceFraction: c.nullSpaceFraction,
      deformScale: c.deformScale,
      cvTarget: c.cvTarget,
      cvTolerance: c.cvTolerance,
      nActive: activeDims(c),
      nNull: c.dModel - activeDims(c),
    },
    alphas: health.alphas,
    clamped,
    health,
    validity: forwardValidity(flat, E),
    perBlock,
    cv,
  };
}
