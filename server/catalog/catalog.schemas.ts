import { z } from '@hono/zod-openapi';
import type { Category, Unit } from '../db/schema.ts';
import { UNIT_LEVELS } from './unit-tree.ts';

// Request and response contracts of units and categories: validated here, trusted inside.

/** Codes appear in QR links (/r/{campaign}/{unit}) and spreadsheets: URL-safe, short, no spaces. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export const CODE_RULE = 'use 1–40 letters, digits, ".", "_" or "-", starting with a letter or digit';
export const MAX_NAME = 100;
export const MAX_NAME_EN = 200;
export const MAX_SORT = 1_000_000;
/** Ids are 32-bit integer columns: a larger number must be a 400 here, not an out-of-range error in PostgreSQL. */
const MAX_ID = 2_147_483_647;

const CodeSchema = z.string().trim().regex(CODE_PATTERN, CODE_RULE);
/** True when text holds a line break, tab or other control character (names go on posters and into spreadsheets). */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const printable = (value: string) => !hasControlCharacters(value);
const NameSchema = z.string().trim().min(1).max(MAX_NAME).refine(printable, 'no control characters');
const NameEnSchema = z.string().trim().max(MAX_NAME_EN).refine(printable, 'no control characters');
const SortSchema = z.number().int().min(-MAX_SORT).max(MAX_SORT);
const IdSchema = z.number().int().positive().max(MAX_ID);

export const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(MAX_ID)
    .openapi({ param: { in: 'path' }, example: 1 }),
});

export const CategorySchema = z
  .object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    ranked: z.boolean(),
    sortOrder: z.number(),
  })
  .openapi('Category');

export const UnitSchema = z
  .object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    parentId: z.number().nullable(),
    level: z.enum(UNIT_LEVELS),
    categoryId: z.number().nullable(),
    sortOrder: z.number(),
    active: z.boolean(),
  })
  .openapi('Unit');

export type UnitView = z.infer<typeof UnitSchema>;
export interface UnitNodeView extends UnitView {
  children: UnitNodeView[];
}

export const UnitNodeSchema: z.ZodType<UnitNodeView> = UnitSchema.extend({
  get children() {
    return z.array(UnitNodeSchema);
  },
}).openapi('UnitNode');

export const CreateCategoryBody = z
  .object({
    code: CodeSchema.openapi({ example: 'vertical' }),
    name: NameSchema.openapi({ example: '垂管单位' }),
    nameEn: NameEnSchema.default('').openapi({ example: 'Vertically managed units' }),
    ranked: z.boolean().default(true).openapi({ description: 'false: rated but not ranked' }),
    sortOrder: SortSchema.optional().openapi({ description: 'Defaults to after the last category' }),
  })
  .strict()
  .openapi('CreateCategory');

export const UpdateCategoryBody = z
  .object({ name: NameSchema, nameEn: NameEnSchema, ranked: z.boolean(), sortOrder: SortSchema })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'give at least one of name, nameEn, ranked, sortOrder')
  .openapi('UpdateCategory');

export const CreateUnitBody = z
  .object({
    code: CodeSchema.openapi({ example: 'QX-YS-T02' }),
    name: NameSchema.openapi({ example: '梅岭乡' }),
    nameEn: NameEnSchema.default(''),
    level: z.enum(UNIT_LEVELS),
    parentId: IdSchema.nullable().default(null),
    categoryId: IdSchema.nullable().default(null),
    sortOrder: SortSchema.optional().openapi({ description: 'Defaults to after the last sibling' }),
  })
  .strict()
  .openapi('CreateUnit');

export const UpdateUnitBody = z
  .object({
    code: CodeSchema.openapi({ description: 'Only for a unit no campaign uses: QR links carry the code' }),
    name: NameSchema,
    nameEn: NameEnSchema,
    level: z.enum(UNIT_LEVELS),
    parentId: IdSchema.nullable().openapi({ description: 'Moves the unit in the tree; null puts it at the top' }),
    categoryId: IdSchema.nullable(),
    sortOrder: SortSchema,
    active: z.boolean().openapi({ description: 'false deactivates (units are never deleted once used)' }),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change')
  .openapi('UpdateUnit');

export type CreateCategoryInput = z.infer<typeof CreateCategoryBody>;
export type UpdateCategoryInput = z.infer<typeof UpdateCategoryBody>;
export type CreateUnitInput = z.infer<typeof CreateUnitBody>;
export type UpdateUnitInput = z.infer<typeof UpdateUnitBody>;

export function categoryView(row: Category) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    ranked: row.ranked === 1,
    sortOrder: row.sort_order,
  };
}

export function unitView(row: Omit<Unit, 'created_at'>): UnitView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    parentId: row.parent_id,
    level: row.level,
    categoryId: row.category_id,
    sortOrder: row.sort_order,
    active: row.active === 1,
  };
}
