import type { api, ResponseOf } from '../shared/api.ts';

/** What the server answers when a rating is opened (by QR link or by code: the same shape). */
export type RatingSession = ResponseOf<(typeof api.respond.open)[':campaign'][':unit']['$get']>;
