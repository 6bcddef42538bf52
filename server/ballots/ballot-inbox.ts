import { randomUUID } from 'node:crypto';
import type { RaterType } from '../../scoring/rater-type.ts';
import { purposeKey } from '../crypto/keys.ts';
import { sealBytes, unsealBytes } from '../crypto/sealing.ts';
import type { Db } from '../db/database.ts';
import { hotQuery } from '../db/hot-sql.ts';
import type { Card } from './ballot-cards.ts';

// What waits, sealed, to be mixed into a batch (decision 011):
// - a ballot that rates many units (a leader's, a peer's): its cards, its comments and its quality
//   flags. Written as one card per unit in its own transaction it would show, in the database's log, which
//   unit a peer left out (its own); sealed, it shows nothing, and at close the mixer writes all of them;
// - a problem a recipient reported, with the contact they left: kept apart from the ballot it came with.
//   Every recipient ballot whose questionnaire can report a problem writes one record, a sealed nothing
//   when none was reported, so the log shows no difference between the ballots that did and did not.
// The seal is AES-256-GCM under a key derived from the server key, which never enters the database.

export interface SealedBallot {
  readonly kind: 'ballot';
  readonly cards: readonly Card[];
  readonly comments: readonly string[];
  readonly flags: readonly string[];
}

export interface SealedProblem {
  readonly kind: 'problem';
  readonly unitId: number;
  readonly description: string;
  readonly contact: string | null;
  /**
   * The follow-up code on the receipt (decision 017), derived from the submission id: it reaches the
   * database only as the hash the mixer writes with the batch. Absent in records sealed before issue 15.
   */
  readonly followupCode?: string | null;
}

export interface SealedNothing {
  readonly kind: 'none';
}

export type InboxContent = SealedBallot | SealedProblem | SealedNothing;

/**
 * Every record is padded to a multiple of this: a recipient's record (a problem report or nothing) is
 * exactly one block, so a report and no report look the same; a many-unit ballot takes a few.
 */
export const RECORD_BYTES = 4096;

/**
 * How long a problem report may be to fit one record with its contact and follow-up code (checked before
 * anything is stored, on the report as sealed less its kind and unit: 512 bytes leave room for those).
 */
export const MAX_REPORT_BYTES = RECORD_BYTES - 512;

export function inboxKey(serverKey: string): Buffer {
  return purposeKey(serverKey, 'ballot-inbox');
}

export async function putInInbox(
  trx: Db,
  serverKey: string,
  campaignId: number,
  raterType: RaterType,
  content: InboxContent,
): Promise<void> {
  await hotQuery(trx, 'insert into ballot_inbox (id, campaign_id, rater_type, sealed) values (?, ?, ?, ?)', [
    randomUUID(),
    campaignId,
    raterType,
    sealBytes(inboxKey(serverKey), JSON.stringify(content), RECORD_BYTES),
  ]);
}

export function openInboxRecord(serverKey: string, sealed: Uint8Array): InboxContent {
  return JSON.parse(unsealBytes(inboxKey(serverKey), sealed)) as InboxContent;
}
