/** The error tap surgery throws when a graph's residual structure cannot be found or tapped. */
export class SurgeryError extends Error {
  override name = 'SurgeryError';
}
