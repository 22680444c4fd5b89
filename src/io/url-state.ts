/**
 * Shareable state in the URL: the current experiment's form (model source, prompt, options; the
 * Study view's prompt set, queue and options; the Modulator's sliders) as versioned JSON, base64url
 * encoded into one search parameter (`?s=`), so the view keeps the hash (#study). Validated with zod
 * on the way in: a bad or stale link gives a sentence saying why, never a half-applied state.
 * Local files cannot travel in a link: the state says a local source was used, not which files.
 */
import { z } from 'zod';
import { ExecutionProviderChoice, ModelSource } from './spec';

export const URL_STATE_PARAM = 's';
export const URL_STATE_VERSION = 1;

const Int = z.number().int();

/** The Model view's source form: llama2.c files on the Hub, a Hugging Face repo, or (unshareable) local files. */
export const UrlSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hub'), repo: z.string().min(1), revision: z.string().min(1), checkpoint: z.string().min(1), tokenizer: z.string().min(1) }),
  z.object({ kind: z.literal('hf'), repo: z.string().min(1), revision: z.string().min(1), onnx: z.string() }),
  z.object({ kind: z.literal('local') }),
]);
export type UrlSource = z.infer<typeof UrlSource>;

export const UrlLab = z.object({
  source: UrlSource,
  hubBaseUrl: z.string().url(),
  ep: ExecutionProviderChoice,
  prompt: z.object({ text: z.string(), maxNewTokens: Int.min(1).max(4096), temperature: z.number().min(0), seed: Int }),
});
export type UrlLab = z.infer<typeof UrlLab>;

export const UrlStudy = z.object({
  /** a seed preset's id, or absent for the user's own text */
  preset: z.string().min(1).optional(),
  setName: z.string(),
  /** the editor's text when it is not a preset */
  prompts: z.string().optional(),
  /** Hub models only; `localDropped` counts the local ones a link cannot carry */
  queue: z.array(ModelSource),
  localDropped: Int.min(0).default(0),
  position: z.enum(['last', 'mean']),
  ep: ExecutionProviderChoice,
  hubBaseUrl: z.string().url(),
  byteIds: z.boolean(),
});
export type UrlStudy = z.infer<typeof UrlStudy>;

const Alpha = z.number().min(0).max(1);

export const UrlModulator = z.object({
  prompt: z.string(),
  maxNewTokens: Int.min(1).max(4096),
  temperature: z.number().min(0),
  seed: Int,
  linked: z.boolean(),
  alpha: Alpha,
  /** [n_blocks] per-block alphas and selection (empty before a model gave the block count) */
  own: z.array(Alpha),
  blocks: z.array(z.boolean()),
  target: z.object({
    choice: z.enum(['random', 'geometric', 'steering', 'file']),
    randomSeed: Int,
    randomShape: z.enum(['vector', 'table']),
    geoSeed: Int,
    steerA: z.string(),
    steerB: z.string(),
    steerLayer: Int.min(0),
  }),
});
export type UrlModulator = z.infer<typeof UrlModulator>;

export const UrlState = z.object({
  v: z.literal(URL_STATE_VERSION),
  lab: UrlLab.optional(),
  study: UrlStudy.optional(),
  mod: UrlModulator.optional(),
});
export type UrlState = z.infer<typeof UrlState>;

/** UTF-8 JSON -> base64url without padding (safe in a query string as is). */
export function encodeUrlState(state: UrlState): string {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export type DecodedUrlState = { ok: true; state: UrlState } | { ok: false; error: string };

/** The parameter's value back to a validated state, or the reason it is not one. */
export function decodeUrlState(param: string): DecodedUrlState {
  if (!/^[A-Za-z0-9_-]*$/.test(param)) return { ok: false, error: 'the link is damaged (characters that base64url does not use); it may have been cut or re-encoded' };
  let json: unknown;
  try {
    const bin = atob(param.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (param.length % 4)) % 4));
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
  } catch {
    return { ok: false, error: 'the link is damaged (its state is not readable); it may have been cut when it was copied' };
  }
  const v = typeof json === 'object' && json !== null ? (json as { v?: unknown }).v : undefined;
  if (typeof v === 'number' && v > URL_STATE_VERSION) return { ok: false, error: `the link was made by a newer version of the lab (state version ${v}; this one reads ${URL_STATE_VERSION})` };
  if (v !== URL_STATE_VERSION) return { ok: false, error: 'the link carries no lab state version: it was not made by this lab' };
  const r = UrlState.safeParse(json);
  if (!r.success) {
    const why = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, error: `the link's state is invalid (${why})` };
  }
  return { ok: true, state: r.data };
}

/** The state parameter of a URL's search string, decoded; null when the URL has none. */
export function readUrlState(search: string): DecodedUrlState | null {
  const p = new URLSearchParams(search).get(URL_STATE_PARAM);
  return p === null ? null : decodeUrlState(p);
}

/** `search` with the state parameter set (other parameters kept in their order). */
export function withUrlState(search: string, state: UrlState | null): string {
  const params = new URLSearchParams(search);
  if (state) params.set(URL_STATE_PARAM, encodeUrlState(state));
  else params.delete(URL_STATE_PARAM);
  const s = params.toString();
  return s ? `?${s}` : '';
}
