/** The Modulator view: live residual-stream interventions under an alpha slider. */
export function ModulatorView() {
  return <section className="panel" data-testid="modulator-view"><h2>Modulator</h2></section>;
}
