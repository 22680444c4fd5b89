/** The Geometry view: the weight battery and the embedding battery of the loaded model. */
export function GeometryView() {
  return <section className="panel" data-testid="geometry-view"><h2>Geometry</h2></section>;
}
