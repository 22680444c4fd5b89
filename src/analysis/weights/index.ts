/**
 * The weight battery (issue 6, items 2-4): pure functions from catalog matrices to plain results.
 * Singular values come from linalg/cpu singularValues (or the GPU path); every function here is a leaf.
 */
export { matrixReport, matrixSpectrum, spectrumShape, type MatrixReport, type MatrixSpectrum, type SpectrumShape } from './spectra';
export { esdFit, fitPowerLaw, ksDistance, MIN_EVALS, EVALS_THRESH, type EsdFit, type EsdFitted, type PowerLawFit } from './esd';
export { marchenkoPasturFit, type MpFit } from './mp-fit';
export { qkManifold, QK_EIG_RTOL, type QkForm, type QkHead, type QkLayer } from './qk';
export { mlpNeurons, lineNorms, type MlpNeurons, type NormSummary } from './mlp-neurons';
export { normGainStats, type NormGainStats } from './norm-gains';
export { nullTest, type NullTestResult, type FamilyNullTest, type FamilySummary, type AdjacentPair, type ScalePca } from './null-test';
export { SPARSITY_THRESHOLDS, countBelow, type Matrix, type ThresholdCount } from './types';
