import type { Kysely } from 'kysely';

// Frozen. One home per setting (issue 19, decision 003). In every campaign's settings JSON:
// - `scoring.minimumBallots` goes: a rater group's minimum is the rater type's min_count alone. It could be
//   stated only when equal to min_count, which opening checked, so only a draft can hold a different one;
//   there the larger of the two becomes min_count (a minimum is an anonymity threshold: never lower it).
// - `scoring.categories[]` names a category by `categoryId`, a number as everywhere in the API (null for
//   the units without a category, once the key 'uncategorised'), and loses `ranked`: the scope decides
//   (which it already did; `ranked` could be stated only when it agreed). An entry left with nothing but
//   its id goes.
// - `scope.unrankedCategoryIds` is written where it is missing, from the catalog's categories.ranked of the
//   categories in the campaign's scope, which is what decided until now; afterwards only the scope does.
// Settings that are not a JSON object are left as they are: reading them reports the problem as before.

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The numeric id a stored category key stood for; null for 'uncategorised', undefined for nothing usable. */
function categoryIdOf(key: unknown): number | null | undefined {
  if (key === 'uncategorised' || key === null) return null;
  if (typeof key === 'number' && Number.isInteger(key) && key > 0) return key;
  if (typeof key === 'string' && /^[1-9]\d{0,9}$/.test(key)) return Number(key);
  return undefined;
}

function migrateCategories(categories: readonly unknown[]): unknown[] {
  return categories.flatMap((entry) => {
    if (!isPlainObject(entry) || !('id' in entry || 'ranked' in entry)) return [entry];
    const { id, ranked: _ranked, ...rest } = entry;
    const categoryId = 'id' in entry ? categoryIdOf(id) : undefined;
    // An id that never named a category is kept as it was, for the opening check to name it.
    if (categoryId === undefined) return 'id' in entry ? [{ id, ...rest }] : Object.keys(rest).length > 0 ? [rest] : [];
    if (Object.keys(rest).length === 0 || (Object.keys(rest).length === 1 && rest['weights'] == null)) return [];
    return [{ categoryId, ...rest }];
  });
}

export async function up(db: Kysely<any>): Promise<void> {
  const campaigns = await db.selectFrom('campaigns').select(['id', 'status', 'settings']).orderBy('id').execute();
  for (const campaign of campaigns) {
    let settings: unknown;
    try {
      settings = JSON.parse(campaign.settings as string);
    } catch {
      continue;
    }
    if (!isPlainObject(settings)) continue;
    const id = campaign.id as number;
    let changed = false;
    const scoring = settings['scoring'];
    if (isPlainObject(scoring)) {
      if ('minimumBallots' in scoring) {
        const stated = scoring['minimumBallots'];
        if (campaign.status === 'draft' && isPlainObject(stated)) {
          for (const [raterType, minimum] of Object.entries(stated)) {
            if (!(typeof minimum === 'number' && Number.isInteger(minimum) && minimum >= 1)) continue;
            await db
              .updateTable('campaign_rater_types')
              .set({ min_count: minimum })
              .where('campaign_id', '=', id)
              .where('rater_type', '=', raterType)
              .where('min_count', '<', minimum)
              .execute();
          }
        }
        delete scoring['minimumBallots'];
        changed = true;
      }
      const categories = scoring['categories'];
      if (Array.isArray(categories)) {
        const next = migrateCategories(categories);
        if (JSON.stringify(next) !== JSON.stringify(categories)) {
          changed = true;
          if (next.length > 0) scoring['categories'] = next;
          else delete scoring['categories'];
        }
      }
    }
    if (!isPlainObject(settings['scope'])) {
      const rows = await db
        .selectFrom('campaign_units as cu')
        .innerJoin('categories as c', 'c.id', 'cu.category_id')
        .select('c.id')
        .distinct()
        .where('cu.campaign_id', '=', id)
        .where('c.ranked', '=', 0)
        .execute();
      const unrankedCategoryIds = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
      settings['scope'] = { unrankedCategoryIds };
      changed = true;
    }
    if (changed)
      await db
        .updateTable('campaigns')
        .set({ settings: JSON.stringify(settings) })
        .where('id', '=', id)
        .execute();
  }
}

/** Back to the shape 0008 read: categories named by a string key again. The scope and min_count stay. */
export async function down(db: Kysely<any>): Promise<void> {
  const campaigns = await db.selectFrom('campaigns').select(['id', 'settings']).execute();
  for (const campaign of campaigns) {
    let settings: unknown;
    try {
      settings = JSON.parse(campaign.settings as string);
    } catch {
      continue;
    }
    const scoring = isPlainObject(settings) ? settings['scoring'] : undefined;
    if (!isPlainObject(scoring) || !Array.isArray(scoring['categories'])) continue;
    scoring['categories'] = scoring['categories'].map((entry: unknown) => {
      if (!isPlainObject(entry) || !('categoryId' in entry)) return entry;
      const { categoryId, ...rest } = entry;
      return { id: categoryId === null ? 'uncategorised' : String(categoryId), ...rest };
    });
    await db
      .updateTable('campaigns')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', campaign.id as number)
      .execute();
  }
}
