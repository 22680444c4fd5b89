/** The lab's CPU linear algebra: float64 inside, row-major typed arrays in and out. */
export type { Mat } from './cpu/types';
export { abortError, throwIfAborted } from './cpu/types';
export { Rng } from './cpu/rng';
export { transpose } from './cpu/transpose';
export { gram, rowGram, transposeToF64 } from './cpu/gram';
export { symmetricEigen, tridiagonalize, tridiagonalEigenvalues, type SymmetricEigen, type Tridiagonal } from './cpu/eigen';
export { singularValues, type SingularValueOptions } from './cpu/singular-values';
export { svd, type Svd } from './cpu/svd';
export { orthogonalProcrustes } from './cpu/procrustes';
export { pca, project, type Pca } from './cpu/pca';
export { determinant } from './cpu/det';
export { cayleyMengerDeterminant, cayleyMengerMatrix, simplexVolume } from './cpu/cayley-menger';
export { histogram, mean, percentile, sortedCopy, std, type Histogram } from './cpu/stats';
export { bidiagonalSingularValues, bidiagonalize, singularValuesBidiagonal, type Bidiagonal } from './cpu/bidiagonal';
