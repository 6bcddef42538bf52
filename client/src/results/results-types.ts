import type { api, ResponseOf } from '../shared/api.ts';

/** The live results (GET /api/campaigns/{id}/results), as the server defines them. */
export type LiveResults = ResponseOf<(typeof api.campaigns)[':id']['results']['$get']>;

/** The ranking's parts: publications and unit reports carry the same shapes as the live results. */
export type RankedCategory = LiveResults['categories'][number];
export type RankedUnit = LiveResults['units'][number];
export type RankedGroup = RankedUnit['groups'][number];
