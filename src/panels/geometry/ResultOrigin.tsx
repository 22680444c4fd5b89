/** Says when a result shown belongs to another model than the one loaded now. */
import { useLab } from '../../state/store';
import { selectModel } from '../../state/selectors';
import type { ResultModel } from '../../state/geometry-store';
import { modelOf } from '../../state/geometry-jobs';

export function ResultOrigin({ model }: { model: ResultModel | null }) {
  const loaded = useLab(selectModel);
  if (!model || (loaded && modelOf(loaded).key === model.key)) return null;
  return (
    <p className="callout callout-warn" data-testid="geometry-other-model">
      These results are for {model.label}, not the model loaded now{loaded ? '' : ' (none is)'}: run the battery again for it.
    </p>
  );
}
