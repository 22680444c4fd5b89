/**
 * The current experiment as a link, both ways: the stores' form state -> UrlState (only the parts
 * that differ from a fresh lab, so a link carries what the user set), and UrlState -> the stores
 * through their named actions. The address bar follows the state (replaceState, debounced), so a
 * reload or a copied address restores it; the Modulator's per-block sliders wait for a model with
 * the same number of blocks, since the blocks exist only once a model is loaded.
 */
import { URL_STATE_VERSION, readUrlState, withUrlState, type UrlLab, type UrlModulator, type UrlSource, type UrlState, type UrlStudy } from '../io/url-state';
import { sourceLabel, type ModelSource } from '../io/spec';
import { findPreset, formatPromptText } from '../io/prompt-sets';
import { initialState, useLab, type LabState } from './store';
import { initialStudyState, useStudy, type StudyState } from './study-store';
import { initialModulatorState, useModulator, type ModulatorState } from './modulator-store';
import { editHf, editHub, editPrompt, setEp, setSourceKind } from './actions';
import { loadPromptText, setPosition, setStudyByteIds, setStudyEp, setStudyHubBaseUrl } from './study-actions';
import { editModulatorForm, editTarget, setAlpha, setLinked, setOwnAlpha, toggleBlock } from './modulator-actions';
import { queueFromLink } from './persist-actions';
import { linkApplied, shareUrlChanged } from './persist-store';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function labSlice(s: Pick<LabState, 'sourceKind' | 'hub' | 'hf' | 'ep' | 'prompt'>): UrlLab {
  const source: UrlSource =
    s.sourceKind === 'hub'
      ? { kind: 'hub', repo: s.hub.repo, revision: s.hub.revision || 'main', checkpoint: s.hub.checkpointPath, tokenizer: s.hub.tokenizerPath }
      : s.sourceKind === 'hf'
        ? { kind: 'hf', repo: s.hf.repo, revision: s.hf.revision || 'main', onnx: s.hf.onnx }
        : { kind: 'local' };
  const { text, maxNewTokens, temperature, seed } = s.prompt;
  return { source, hubBaseUrl: s.hub.baseUrl, ep: s.ep, prompt: { text, maxNewTokens, temperature, seed } };
}

const isLocal = (m: ModelSource): boolean => (m.kind === 'llama2c' ? !('hub' in m.checkpoint) || !('hub' in m.tokenizer) : !('hub' in m.location));

export function studySlice(s: Pick<StudyState, 'presetId' | 'setName' | 'promptText' | 'queue' | 'position' | 'ep' | 'hubBaseUrl' | 'byteIds'>): UrlStudy {
  const shared = s.queue.filter((q) => !isLocal(q.source));
  return {
    ...(s.presetId ? { preset: s.presetId } : { prompts: s.promptText }),
    setName: s.setName,
    queue: shared.map((q) => q.source),
    localDropped: s.queue.length - shared.length,
    position: s.position,
    ep: s.ep,
    hubBaseUrl: s.hubBaseUrl,
    byteIds: s.byteIds,
  };
}

export function modulatorSlice(s: Pick<ModulatorState, 'prompt' | 'maxNewTokens' | 'temperature' | 'seed' | 'linked' | 'alpha' | 'own' | 'blocks' | 'target'>): UrlModulator {
  const { prompt, maxNewTokens, temperature, seed, linked, alpha, own, blocks, target } = s;
  return { prompt, maxNewTokens, temperature, seed, linked, alpha, own, blocks, target };
}

/** The link's state: each view's part only where it differs from a fresh lab. */
export function buildUrlState(lab: LabState, study: StudyState, mod: ModulatorState): UrlState {
  const l = labSlice(lab);
  const st = studySlice(study);
  const m = modulatorSlice(mod);
  // A loaded model fixes the block count; a fresh modulator has none, so compare without them.
  const freshMod = { ...modulatorSlice(initialModulatorState()), own: m.own, blocks: m.blocks };
  const moved = m.own.some((a, i) => a !== m.alpha || !m.blocks[i]);
  return {
    v: URL_STATE_VERSION,
    ...(same(l, labSlice(initialState())) ? {} : { lab: l }),
    ...(same(st, studySlice(initialStudyState())) ? {} : { study: st }),
    ...(same(m, freshMod) && !moved ? {} : { mod: m }),
  };
}

/** Per-block sliders from a link, waiting for a model with that many blocks. */
let pendingBlocks: { own: number[]; blocks: boolean[] } | null = null;

/** Apply a link's per-block sliders once the Modulator has as many blocks (called on its every change). */

export function applyPendingBlocks(s: ModulatorState): void {
  if (!pendingBlocks || s.own.length === 0 || s.own.length !== pendingBlocks.own.length) return;
  const p = pendingBlocks;
  pendingBlocks = null;
  p.own.forEach((a, i) => setOwnAlpha(i, a));
  p.blocks.forEach((on, i) => {
    if (useModulator.getState().blocks[i] !== on) toggleBlock(i);
  });
}

export interface LinkOutcome {
  error: string | null;
  notes: string[];
  /** the link's Model-view source, when it is a Hub model that can be loaded */
  offer: { label: string } | null;
}

/** Put a decoded link's state into the stores. */
export function applyUrlState(u: UrlState): LinkOutcome {
  const notes: string[] = [];
  let offer: LinkOutcome['offer'] = null;
  if (u.lab) {
    const { source, hubBaseUrl, ep, prompt } = u.lab;
    if (source.kind === 'local') notes.push("The link's model was made from local files, which a link cannot carry: drop or pick them again.");
    else if (source.kind === 'hub') {
      setSourceKind('hub');
      editHub({ repo: source.repo, revision: source.revision, checkpointPath: source.checkpoint, tokenizerPath: source.tokenizer });
      offer = { label: `${source.repo}@${source.revision}/${source.checkpoint}` };
    } else {
      setSourceKind('hf');
      editHf({ repo: source.repo, revision: source.revision, onnx: source.onnx });
      offer = { label: `${source.repo}@${source.revision}${source.onnx ? `/${source.onnx}` : ''}` };
    }
    editHub({ baseUrl: hubBaseUrl });
    setEp(ep);
    editPrompt(prompt);
  }
  if (u.study) {
    const s = u.study;
    const preset = s.preset ? findPreset(s.preset) : undefined;
    if (s.preset && !preset) notes.push(`The link names the prompt-set preset "${s.preset}", which this version of the lab does not have.`);
    if (preset) loadPromptText(preset.name, formatPromptText(preset.prompts), preset.id);
    else if (s.prompts !== undefined) loadPromptText(s.setName, s.prompts);
    queueFromLink(s.queue.map((source) => ({ key: sourceLabel(source), source })));
    if (s.localDropped) notes.push(`${s.localDropped} model${s.localDropped === 1 ? '' : 's'} of the link's Study queue came from local files, which a link cannot carry.`);
    setPosition(s.position);
    setStudyEp(s.ep);
    setStudyHubBaseUrl(s.hubBaseUrl);
    setStudyByteIds(s.byteIds);
  }
  if (u.mod) {
    const m = u.mod;
    editModulatorForm({ prompt: m.prompt, maxNewTokens: m.maxNewTokens, temperature: m.temperature, seed: m.seed });
    // A file target's values never travel in a link.
    if (m.target.choice === 'file') notes.push("The link's Modulator target was a file, which a link cannot carry: the random target is selected instead.");
    editTarget({ ...m.target, choice: m.target.choice === 'file' ? 'random' : m.target.choice });
    setAlpha(m.alpha);
    setLinked(m.linked);
    pendingBlocks = m.own.length ? { own: m.own, blocks: m.blocks } : null;
    applyPendingBlocks(useModulator.getState());
  }
  return { error: null, notes, offer };
}

/** Read the page's link (if any) and apply it; what could not be applied is said in the banner. */
export function applyLinkFromLocation(): void {
  const r = readUrlState(location.search);
  if (!r) return;
  if (!r.ok) return linkApplied(`This link's lab state could not be used: ${r.error}. The lab opened as it was.`, [], null);
  try {
    const out = applyUrlState(r.state);
    linkApplied(out.error, out.notes, out.offer);
  } catch (e) {
    linkApplied(`This link's lab state could not be applied: ${(e as Error).message}. Some fields may keep their defaults.`, [], null);
  }
}

/** Keep the address bar's search (and the share link, without its view) in step with the state. Returns the unsubscribe. */
export function startUrlSync(delayMs = 200): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const state = buildUrlState(useLab.getState(), useStudy.getState(), useModulator.getState());
    const search = withUrlState(location.search, state);
    // The hash (the view) is the tab bar's: kept as it is; the share link adds the view shown.
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    shareUrlChanged(`${location.origin}${location.pathname}${search}`);
  };
  const schedule = () => {
    if (timer === null) timer = setTimeout(write, delayMs);
  };
  const onModulator = (s: ModulatorState) => {
    applyPendingBlocks(s);
    schedule();
  };
  const un = [useLab.subscribe(schedule), useStudy.subscribe(schedule), useModulator.subscribe(onModulator)];
  write();
  return () => {
    un.forEach((f) => f());
    if (timer !== null) clearTimeout(timer);
  };
}
