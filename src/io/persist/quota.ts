/**
 * Storage quota, as a decision: from navigator.storage.estimate() and the size of what is about to
 * be saved, say whether the save fits comfortably, is close to the limit (warn the user first), or
 * would pass the quota. Pure, so the thresholds are tested.
 */

/** Usage above this fraction of the quota is "near": the user is told before saves start failing. */
export const NEAR_QUOTA_FRACTION = 0.9;

export interface StorageEstimateLike {
  /** bytes used by this origin */
  usage?: number;
  /** bytes this origin may use */
  quota?: number;
}

export interface QuotaCheck {
  level: 'ok' | 'near' | 'over' | 'unknown';
  /** usage after the save, bytes (estimate) */
  after: number;
  quota: number | null;
  /** after / quota, or null when the browser gives no quota */
  fraction: number | null;
  /** a sentence for the banner ('' when ok) */
  message: string;
}

const mb = (b: number): string => `${(b / 1e6).toFixed(b < 1e7 ? 1 : 0)} MB`;

export function checkQuota(estimate: StorageEstimateLike | null, incomingBytes: number): QuotaCheck {
  const quota = estimate?.quota;
  const usage = estimate?.usage ?? 0;
  const after = usage + Math.max(0, incomingBytes);
  if (!quota || !Number.isFinite(quota) || quota <= 0) return { level: 'unknown', after, quota: null, fraction: null, message: '' };
  const fraction = after / quota;
  if (fraction > 1) {
    return { level: 'over', after, quota, fraction, message: `Browser storage is full: saving this needs ${mb(after)} of the ${mb(quota)} this site may use. Delete saved experiments (or cached models) to keep saving.` };
  }
  if (fraction >= NEAR_QUOTA_FRACTION) {
    return { level: 'near', after, quota, fraction, message: `Browser storage is ${Math.round(fraction * 100)}% full (${mb(after)} of ${mb(quota)}): delete saved experiments or cached models before saves start to fail.` };
  }
  return { level: 'ok', after, quota, fraction, message: '' };
}
