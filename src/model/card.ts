/** Architecture facts the lab reports for every model (DESIGN.md). */
export type NormType = 'RMSNorm' | 'LayerNorm';
export type ResidualLayout = 'sequential' | 'parallel';

export interface ArchitectureCard {
  family: string;
  nLayers: number;
  dModel: number;
  nHeads: number;
  nKvHeads: number;
  dHead: number;
  /** head density rho = n_heads / d_head (seed threshold 0.2) */
  rho: number;
  normType: NormType;
  residual: ResidualLayout;
  tiedEmbeddings: boolean;
  positional: string;
  nParams: number;
  vocabSize: number;
  maxSeqLen: number;
  dMlp: number;
  normEps: number;
}
