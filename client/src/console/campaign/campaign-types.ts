import type { api, ResponseOf } from '../../shared/api.ts';

/** The office's view of a campaign (GET /api/admin/campaigns/{id}), as the server defines it. */
export type CampaignConfig = ResponseOf<(typeof api.admin.campaigns)[':id']['$get']>;

/**
 * A batch of access codes just issued (POST /api/campaigns/{id}/code-batches), its codes shown this once: the
 * JSON answer. The route's 201 also declares the CSV it sends for ?format=csv (typed as text, and as a bare
 * Response from the handler's c.body), which the console never asks for.
 */
export type IssuedBatch = Exclude<
  ResponseOf<(typeof api.campaigns)[':id']['code-batches']['$post']>,
  string | Response
>;
