/**
 * What a respondent's phone keeps between reloads: the draft answers, and a finished ballot waiting
 * to be sent with its submission id, so a retry after a network failure can never count twice.
 */
export interface PendingBallot {
  submissionId: string;
  answers: Record<string, unknown>;
  fillSeconds: number;
  /**
   * When the campaign's window closes (its endsAt): an unsent ballot waits on the device until then and
   * is dropped after, since it can no longer count. Null for one kept before this was stored.
   */
  closesAt: string | null;
}

/** Whether a ballot left unsent can no longer count: its campaign's window has closed. */
export function pendingExpired(pending: PendingBallot, now: number): boolean {
  if (pending.closesAt === null) return false;
  const closesAt = Date.parse(pending.closesAt);
  return !Number.isNaN(closesAt) && closesAt <= now;
}

/**
 * The receipt of the last ballot this device sent in this scope, kept only here (decision 011: nothing of
 * it is stored anywhere new), so a reload shows the thank-you rather than a blank form.
 */
export interface KeptReceipt {
  receipt: string;
  submittedAt: string;
}

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or refused: the page still works, only resuming after a reload is lost.
  }
}

export function submissionStore(scope: string) {
  const draftKey = `pingyi.draft.${scope}`;
  const pendingKey = `pingyi.pending.${scope}`;
  const receiptKey = `pingyi.receipt.${scope}`;
  // The page a many-unit form was on, so a reload comes back to the unit where the person stopped.
  const positionKey = `pingyi.position.${scope}`;
  return {
    loadDraft: () => read<Record<string, unknown>>(draftKey),
    saveDraft: (answers: Record<string, unknown>) => write(draftKey, answers),
    loadPending: (): PendingBallot | null => {
      const pending = read<PendingBallot>(pendingKey);
      return pending && { ...pending, closesAt: pending.closesAt ?? null };
    },
    savePending: (pending: PendingBallot) => write(pendingKey, pending),
    clearPending: () => write(pendingKey, null),
    loadReceipt: () => read<KeptReceipt>(receiptKey),
    saveReceipt: (receipt: string) => write(receiptKey, { receipt, submittedAt: new Date().toISOString() }),
    clearReceipt: () => write(receiptKey, null),
    loadPosition: () => read<string>(positionKey),
    savePosition: (pageName: string) => write(positionKey, pageName),
    clear: () => {
      write(draftKey, null);
      write(pendingKey, null);
      write(positionKey, null);
    },
  };
}
