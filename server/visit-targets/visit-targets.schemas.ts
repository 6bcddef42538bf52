import { z } from '@hono/zod-openapi';
import { ENTERPRISE_SIZES, VILLAGE_KINDS } from '../db/schema-visits.ts';
import { IdParam } from '../http/schemas.ts';

// Contracts of the visit targets (三遍访): villages and communities, enterprises, a village's households.

const name = z.string().trim().min(1).max(100);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const id = z.number().int().positive().max(2_147_483_647);

export const VillageSchema = z
  .object({
    id: z.number(),
    townshipId: z.number(),
    townshipName: z.string(),
    code: z.string().nullable(),
    name: z.string(),
    kind: z.enum(VILLAGE_KINDS).openapi({ description: 'village 村 or community 社区' }),
    households: z.number().openapi({ description: '户数: the households to visit' }),
    listedHouseholds: z.number().openapi({ description: 'Households in the imported list (0: none imported)' }),
    sortOrder: z.number(),
    active: z.boolean(),
  })
  .openapi('VisitVillage');

export const CreateVillageBody = z
  .object({
    townshipId: id.openapi({ description: 'A unit of level township' }),
    code: z.string().trim().min(1).max(40).nullable().optional(),
    name,
    kind: z.enum(VILLAGE_KINDS).default('village'),
    households: z.number().int().min(0).max(1_000_000),
    sortOrder: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
  .openapi('CreateVisitVillage');

export const UpdateVillageBody = z
  .object({
    townshipId: id.optional(),
    code: z.string().trim().min(1).max(40).nullable().optional(),
    name: name.optional(),
    kind: z.enum(VILLAGE_KINDS).optional(),
    households: z.number().int().min(0).max(1_000_000).optional(),
    sortOrder: z.number().int().min(0).max(1_000_000).optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .openapi('UpdateVisitVillage');

export const EnterpriseSchema = z
  .object({
    id: z.number(),
    creditCode: z.string().openapi({ example: '91350100M000100Y43' }),
    name: z.string(),
    address: z.string().nullable(),
    townshipId: z.number(),
    townshipName: z.string(),
    villageId: z.number().nullable(),
    villageName: z.string().nullable(),
    industry: z.string().nullable(),
    size: z.enum(ENTERPRISE_SIZES).openapi({ description: '大型 / 中型 / 小型 / 微型' }),
    active: z.boolean(),
  })
  .openapi('VisitEnterprise');

export const CreateEnterpriseBody = z
  .object({
    creditCode: z
      .string()
      .max(40)
      .openapi({ description: '统一社会信用代码; full-width characters and lower case are accepted and normalised' }),
    name,
    address: optionalText(200),
    townshipId: id,
    villageId: id.nullable().optional().openapi({ description: 'A village of that township, or none' }),
    industry: optionalText(100),
    size: z.enum(ENTERPRISE_SIZES),
  })
  .strict()
  .openapi('CreateVisitEnterprise');

export const UpdateEnterpriseBody = z
  .object({
    creditCode: z.string().max(40).optional(),
    name: name.optional(),
    address: optionalText(200),
    townshipId: id.optional(),
    villageId: id.nullable().optional(),
    industry: optionalText(100),
    size: z.enum(ENTERPRISE_SIZES).optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .openapi('UpdateVisitEnterprise');

export const HouseholdSchema = z
  .object({ id: z.number(), villageId: z.number(), label: z.string(), address: z.string().nullable() })
  .openapi('VisitHousehold');

export const CreateHouseholdBody = z
  .object({ label: name.openapi({ description: '户主 or 门牌' }), address: optionalText(200) })
  .strict()
  .openapi('CreateVisitHousehold');

export const UpdateHouseholdBody = z
  .object({ label: name.optional(), address: optionalText(200) })
  .strict()
  .openapi('UpdateVisitHousehold');

const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  townshipId: IdParam.optional().openapi({ param: { in: 'query' } }),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .openapi({ description: 'Part of the name (or, for enterprises, of the credit code)' }),
  active: z.enum(['true', 'false', 'all']).default('true'),
};

export const VillageListQuery = z.object({ ...paging, kind: z.enum(VILLAGE_KINDS).optional() });
export const EnterpriseListQuery = z.object({
  ...paging,
  villageId: IdParam.optional().openapi({ param: { in: 'query' } }),
  size: z.enum(ENTERPRISE_SIZES).optional(),
});
export const HouseholdListQuery = z.object({
  page: paging.page,
  pageSize: paging.pageSize,
  q: paging.q,
});

const pageOf = <T extends z.ZodType>(item: T, component: string) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() }).openapi(component);

export const VillagePage = pageOf(VillageSchema, 'VisitVillagePage');
export const EnterprisePage = pageOf(EnterpriseSchema, 'VisitEnterprisePage');
export const HouseholdPage = pageOf(HouseholdSchema, 'VisitHouseholdPage');

export type VillageView = z.infer<typeof VillageSchema>;
export type EnterpriseView = z.infer<typeof EnterpriseSchema>;
export type HouseholdView = z.infer<typeof HouseholdSchema>;
