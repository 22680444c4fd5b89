/** On the Model view: the numbers shown are a saved measurement, and the model must be loaded again to measure more. */
import { usePersist } from '../../state/persist-store';
import { useLab } from '../../state/store';
import { selectModel } from '../../state/selectors';

export function RestoredNote() {
  const note = usePersist((s) => s.restoredNote);
  const model = useLab(selectModel);
  const shown = useLab((s) => s.measurement !== null);
  if (!note || model || !shown) return null;
  return (
    <p className="callout callout-note" data-testid="restored-note">
      {note}
    </p>
  );
}
