import type { Db } from '../db/database.ts';

// The SQL of how much each category is used, for the office's categories screen.

export interface CategoryUsageRow {
  categoryId: number;
  units: number;
  campaigns: number;
}

/**
 * Per category: how many units belong to it and how many campaigns recorded it for their units (what
 * `categoryUsage` checks before a delete, for every category at once). Categories nobody uses are absent.
 */
export async function listCategoryUsage(db: Db): Promise<CategoryUsageRow[]> {
  const [units, campaigns] = await Promise.all([
    db
      .selectFrom('units')
      .select((eb) => ['category_id', eb.fn.countAll<number>().as('n')])
      .where('category_id', 'is not', null)
      .groupBy('category_id')
      .execute(),
    db
      .selectFrom('campaign_units')
      .select((eb) => ['category_id', eb.fn.count<number>('campaign_id').distinct().as('n')])
      .where('category_id', 'is not', null)
      .groupBy('category_id')
      .execute(),
  ]);
  const usage = new Map<number, CategoryUsageRow>();
  const entry = (id: number) => {
    let row = usage.get(id);
    if (!row) usage.set(id, (row = { categoryId: id, units: 0, campaigns: 0 }));
    return row;
  };
  for (const row of units) if (row.category_id !== null) entry(row.category_id).units = Number(row.n);
  for (const row of campaigns) if (row.category_id !== null) entry(row.category_id).campaigns = Number(row.n);
  return [...usage.values()].sort((a, b) => a.categoryId - b.categoryId);
}
