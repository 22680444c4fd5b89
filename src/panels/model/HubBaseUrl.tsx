/** The Hub's base URL, shared by both Hub sources (a mirror or a local stand-in can replace it). */
import { useLab } from '../../state/store';
import { editHub } from '../../state/actions';

export function HubBaseUrl() {
  const baseUrl = useLab((s) => s.hub.baseUrl);
  return (
    <div className="field">
      <label htmlFor="hub-base-url">Hub base URL</label>
      <input id="hub-base-url" data-testid="hub-base-url" type="text" spellCheck={false} value={baseUrl} onChange={(e) => editHub({ baseUrl: e.target.value })} />
    </div>
  );
}
