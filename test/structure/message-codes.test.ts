import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../server/errors.ts';
import type { PlacementProblem } from '../../server/catalog/unit-tree.ts';

// Every error code the server throws is in ERROR_CODES, the list the client's Chinese words are typed by
// (client/src/shared/error-text.ts): a code thrown but not listed would show a general sentence instead of
// its own in the Chinese UI.

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The codes written where an error is made: `new AppError(409, 'code'`, `errorBody('code'`, `{ error: { code: '…'`. */
const THROWN = [
  /new AppError\(\s*\d+\s*,\s*'([a-z_]+)'/g,
  /errorBody\(\s*'([a-z_]+)'/g,
  /error:\s*\{\s*code:\s*'([a-z_]+)'/g,
  /definitionRefused\(\s*'([a-z_]+)'/g,
];

describe('error codes', () => {
  it('lists every code the server throws in ERROR_CODES', () => {
    const listed = new Set<string>(ERROR_CODES);
    const unlisted = sourceFiles(join(root, 'server')).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return THROWN.flatMap((pattern) =>
        [...text.matchAll(pattern)]
          .map((match) => match[1]!)
          .filter((code) => !listed.has(code))
          .map((code) => `${relative(root, file)}: ${code}`),
      );
    });
    expect(unlisted).toEqual([]);
  });

  it('lists the codes a unit placement is refused with, which units.service.ts throws as they are', () => {
    const placement: Record<PlacementProblem['code'], true> = {
      invalid_parent_level: true,
      parent_required: true,
      inactive_parent: true,
    };
    const listed: readonly string[] = ERROR_CODES;
    expect(Object.keys(placement).filter((code) => !listed.includes(code))).toEqual([]);
  });
});
