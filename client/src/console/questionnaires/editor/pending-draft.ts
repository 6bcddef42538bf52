import type { RaterType } from '../../../../../scoring/rater-type.ts';
import { isJson, type Definition } from './editor-model.ts';

/*
 * A definition the server refused on import, handed to a new editor to fix there. Kept in sessionStorage,
 * so it survives the navigation (and a reload of the editor), and goes when the tab closes.
 */

const KEY = 'pingyi.questionnaire-draft';

export interface PendingDraft {
  readonly raterType: RaterType;
  readonly definition: Definition;
}

export function keepPendingDraft(draft: PendingDraft): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // Storage refused (private mode, full): the editor then starts blank.
  }
}

/** The draft waiting for a new editor of this rater type, if any (read without taking it: see dropPendingDraft). */
export function pendingDraft(raterType: RaterType): Definition | null {
  try {
    const stored = sessionStorage.getItem(KEY);
    if (stored === null) return null;
    const draft = JSON.parse(stored) as Partial<PendingDraft>;
    return draft.raterType === raterType && isJson(draft.definition) ? draft.definition : null;
  } catch {
    return null;
  }
}

/** Once the draft is saved it is no longer pending. */
export function dropPendingDraft(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing was kept.
  }
}
