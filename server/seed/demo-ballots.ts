import { randomUUID } from 'node:crypto';
import type { RaterType } from '../../scoring/rater-type.ts';
import { prepareQuestionnaire } from '../../surveys/prepare.ts';
import { PEER_TEMPLATE } from '../../surveys/templates/peer.ts';
import { RECIPIENT_TEMPLATE } from '../../surveys/templates/recipient.ts';
import { SUPERIOR_TEMPLATE } from '../../surveys/templates/superior.ts';
import { randomCode } from '../crypto/random-code.ts';
import { sha256Hex } from '../crypto/hashing.ts';
import { cardsOf, insertCards } from '../ballots/ballot-cards.ts';
import { hourOf } from '../ballots/ballot-store.ts';
import { addBallotCounts, insertBallot } from '../ballots/ballots.repository.ts';
import { shuffleInPlace } from '../crypto/shuffle.ts';
import type { Db } from '../db/database.ts';
import { demoMatrixAnswers, demoRecipientAnswers, seededRandom } from './demo-answers.ts';

const RECIPIENT_BALLOTS = 360;
const SUPERIOR_BALLOTS = 9;
const PEER_RATERS_PER_UNIT = 1;
const DAY_MS = 24 * 60 * 60 * 1000;

interface DemoCampaign {
  campaignId: number;
  questionnaireIds: Record<RaterType, number>;
  units: ReadonlyArray<{ id: number; name: string; nameEn: string }>;
}

/**
 * Generated ballots of all three rater types. They go through the same validation as real ones, so
 * the demo's figures are honest; the seeded PRNG makes them the same on every machine.
 */
export async function seedDemoBallots(db: Db, demo: DemoCampaign, now: Date, openDays: number): Promise<number> {
  const random = seededRandom(20261122);
  const quality = new Map(demo.units.map((u) => [u.id, 0.35 + random() * 0.6]));
  const manyUnit: ManyUnitBallots = [];
  const store = storeFor(db, demo, { now, openDays }, random, manyUnit);
  let count = 0;

  const recipientForms = new Map(
    demo.units.map((u) => [u.id, prepareQuestionnaire(RECIPIENT_TEMPLATE, { targetUnitId: u.id })]),
  );
  for (let i = 0; i < RECIPIENT_BALLOTS; i += 1) {
    const unit = demo.units[Math.floor(random() * demo.units.length)]!;
    await store(
      'recipient',
      recipientForms.get(unit.id)!,
      demoRecipientAnswers(random, quality.get(unit.id)!),
      unit.id,
    );
    count += 1;
  }

  const rated = demo.units.map((u) => ({ id: u.id, quality: quality.get(u.id)! }));
  const superiorForm = prepareQuestionnaire(SUPERIOR_TEMPLATE, { units: demo.units });
  for (let i = 0; i < SUPERIOR_BALLOTS; i += 1) {
    await store(
      'superior',
      superiorForm,
      demoMatrixAnswers(random, rated, ['responsibility', 'promptness', 'delivery', 'overall']),
      null,
    );
    count += 1;
  }

  for (const rater of demo.units) {
    const peerForm = prepareQuestionnaire(PEER_TEMPLATE, { units: demo.units, excludeUnitId: rater.id });
    for (let i = 0; i < PEER_RATERS_PER_UNIT; i += 1) {
      const others = rated.filter((u) => u.id !== rater.id);
      await store('peer', peerForm, demoMatrixAnswers(random, others, ['cooperation', 'bigPicture']), null);
      count += 1;
    }
  }
  await writeManyUnit(db, demo.campaignId, manyUnit);
  return count;
}

/** Many-unit ballots are kept aside and written at the end, all cards in one random order. */
type ManyUnitBallots = { raterType: RaterType; cards: ReturnType<typeof cardsOf> }[];

/** A many-unit ballot leaves only unlinked cards and a count, as the mixer writes them (decision 011). */
async function writeManyUnit(db: Db, campaignId: number, ballots: ManyUnitBallots): Promise<void> {
  for (const raterType of ['superior', 'peer'] as const) {
    const ofType = ballots.filter((ballot) => ballot.raterType === raterType);
    if (ofType.length === 0) continue;
    await insertCards(db, campaignId, raterType, shuffleInPlace(ofType.flatMap((ballot) => ballot.cards)));
    const rated = ofType.filter((ballot) => ballot.cards.length > 0).length;
    await addBallotCounts(db, campaignId, raterType, ofType.length, rated);
  }
}

function storeFor(
  db: Db,
  demo: DemoCampaign,
  { now, openDays }: { now: Date; openDays: number },
  random: () => number,
  manyUnit: ManyUnitBallots,
) {
  return async (
    raterType: RaterType,
    form: ReturnType<typeof prepareQuestionnaire>,
    answers: Record<string, unknown>,
    targetUnitId: number | null,
  ) => {
    const checked = form.validate(answers);
    if (!checked.ok)
      throw new Error(`Demo ${raterType} ballot failed validation: ${JSON.stringify(checked.errors.slice(0, 3))}`);
    const cards = cardsOf(checked.ratings);
    if (targetUnitId === null) {
      manyUnit.push({ raterType, cards });
      return;
    }
    // Any time since the campaign opened (a day's margin after its start).
    const submittedAt = new Date(now.getTime() - random() * (openDays - 1) * DAY_MS);
    await insertBallot(
      db,
      {
        id: randomUUID(),
        campaign_id: demo.campaignId,
        rater_type: raterType,
        questionnaire_id: demo.questionnaireIds[raterType],
        target_unit_id: targetUnitId,
        receipt: randomCode(10),
        submission_hash: sha256Hex(randomUUID()),
        submitted_hour: hourOf(submittedAt),
        answers: JSON.stringify(checked.answers),
        flags: null,
        review_status: null,
      },
      cards[0] ?? null,
    );
  };
}
