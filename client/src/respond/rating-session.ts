import type { api, ResponseOf } from '../shared/api.ts';

type OpenRatingAnswer = ResponseOf<(typeof api.respond.open)[':campaign'][':unit']['$get']>;

/** What the server answers when a rating is opened (by QR link or by code: the same shape). */
export type RatingSession = Omit<OpenRatingAnswer, 'openLimit'>;

/** An open rating's answer: the session, and whether this device may still rate the unit (null: not asked). */
export type OpenLimit = OpenRatingAnswer['openLimit'];
