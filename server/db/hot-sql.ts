import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { Db } from './database.ts';

// The ballot path sends a handful of statements per ballot, thousands of times a second. Building each
// with Kysely's query builder costs about as much as SQLite takes to run it, so these few are written
// once as SQL text with `?` placeholders (numbered for PostgreSQL) and sent as they are: on SQLite the
// connection's statement cache (database.ts) then prepares each text once. Everything else uses the
// typed builder; the schema test pins the columns these statements name.

const numbered = new Map<string, string>();

function forDialect(db: Db, text: string): string {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return text;
  let converted = numbered.get(text);
  if (converted === undefined) {
    let n = 0;
    converted = text.replace(/\?/g, () => `$${++n}`);
    if (numbered.size > 1024) numbered.clear();
    numbered.set(text, converted);
  }
  return converted;
}

/** Runs one hot statement; `text` has a `?` for each parameter (and no question mark anywhere else). */
export async function hotQuery<R = never>(db: Db, text: string, parameters: readonly unknown[]): Promise<R[]> {
  const result = await db.executeQuery<R>(CompiledQuery.raw(forDialect(db, text), [...parameters]));
  return [...result.rows];
}

/** `(?, ?, ?), (?, ?, ?)`: the VALUES list of a multi-row insert, `rows` rows of `columns` parameters. */
export function valueRows(rows: number, columns: number): string {
  const one = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => one).join(', ');
}
