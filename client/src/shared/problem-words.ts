import type { ProblemSource, ProblemState } from '../../../server/db/schema.ts';

// The words of a problem's state and source (decision 017), in both languages: one home for the console's
// ledger, the public ledger, 整改周周见 and the raiser's page, so that all of them say the same.

export type Words = readonly [zh: string, en: string];

export const STATE_WORDS: Record<ProblemState, Words> = {
  draft: ['草稿', 'Draft'],
  submitted: ['待审核', 'Submitted'],
  returned: ['已退回', 'Returned'],
  filed: ['已备案', 'Filed'],
  in_progress: ['整改中', 'In progress'],
  claimed: ['申请销号', 'Completion claimed'],
  closed: ['已销号', 'Closed'],
  explained: ['已解释说明', 'Explained'],
};

export const SOURCE_WORDS: Record<ProblemSource, Words> = {
  self: ['自查', 'Self-inspection'],
  rating: ['评议', 'Rating'],
  visit: ['走访', 'Visit'],
  hotline: ['12345热线', '12345 hotline'],
  inspection: ['督查暗访', 'Inspection'],
  media: ['媒体', 'Media'],
  assigned: ['上级交办', 'Assigned from above'],
};
