/** The three kinds of rater in a 三评议 campaign. */
export const RATER_TYPES = ['superior', 'peer', 'recipient'] as const;
export type RaterType = (typeof RATER_TYPES)[number];
