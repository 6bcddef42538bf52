import { z } from '@hono/zod-openapi';
import { EnterpriseSchema, VillageSchema } from '../visit-targets/visit-targets.schemas.ts';

// Contracts of the visiting teams (民情书记服务队): members from several units, and the townships or
// villages each covers.

const id = z.number().int().positive().max(2_147_483_647);

export const TeamMemberSchema = z
  .object({
    userId: z.number(),
    displayName: z.string(),
    unitId: z.number().nullable().openapi({ description: 'The unit the member comes from' }),
    unitName: z.string().nullable(),
    isLeader: z.boolean().openapi({ description: '队长' }),
  })
  .openapi('VisitTeamMember');

export const TeamAreaSchema = z
  .object({
    townshipId: z.number(),
    townshipName: z.string(),
    villageId: z.number().nullable().openapi({ description: 'null: the whole township' }),
    villageName: z.string().nullable(),
  })
  .openapi('VisitTeamArea');

export const TeamSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    active: z.boolean(),
    members: z.array(TeamMemberSchema),
    areas: z.array(TeamAreaSchema),
  })
  .openapi('VisitTeam');

export const CreateTeamBody = z
  .object({ name: z.string().trim().min(1).max(100) })
  .strict()
  .openapi('CreateVisitTeam');

export const UpdateTeamBody = z
  .object({ name: z.string().trim().min(1).max(100).optional(), active: z.boolean().optional() })
  .strict()
  .openapi('UpdateVisitTeam');

export const SetMembersBody = z
  .object({
    members: z
      .array(
        z
          .object({
            userId: id,
            unitId: id
              .nullable()
              .optional()
              .openapi({ description: "The unit the member comes from; default the account's unit" }),
            isLeader: z.boolean().default(false),
          })
          .strict(),
      )
      .max(200)
      .refine((members) => new Set(members.map((m) => m.userId)).size === members.length, 'each account at most once'),
  })
  .strict()
  .openapi('SetVisitTeamMembers');

export const SetAreasBody = z
  .object({
    areas: z
      .array(
        z.union([
          z.object({ townshipId: id }).strict().openapi({ description: 'A whole township' }),
          z.object({ villageId: id }).strict().openapi({ description: 'One village or community' }),
        ]),
      )
      .max(500),
  })
  .strict()
  .openapi('SetVisitTeamAreas');

export const TeamListQuery = z.object({ active: z.enum(['true', 'false', 'all']).default('all') });

export const MyTeamSchema = TeamSchema.extend({
  villages: z.array(VillageSchema).openapi({ description: 'The active villages and communities in its areas' }),
  enterprises: z.array(EnterpriseSchema).openapi({ description: 'The active enterprises in its areas' }),
}).openapi('MyVisitTeam');

export type TeamView = z.infer<typeof TeamSchema>;
