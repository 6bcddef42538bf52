import type { Db } from '../db/database.ts';
import { checkCreditCode } from './credit-code.ts';
import type { TargetSheetKind } from './target-sheet.ts';
import type { ReadTargetSheet, TargetImportProblem } from './target-import.ts';

// Checking every row of a visit-target import against the database and the rest of the file, without
// writing: which townships and villages the rows name, what is new and what updates a target already
// recorded, and every problem at once.

type VillageRef = { id: number | null; key: string | null };

export interface TargetPlan {
  villages: Array<{
    key: string;
    existingId: number | null;
    townshipId: number;
    name: string;
    /** undefined: the column is not in the file, so an update keeps what is recorded. */
    code: string | null | undefined;
    kind: string | undefined;
    households: number;
    sortOrder: number;
  }>;
  enterprises: Array<{
    existingId: number | null;
    creditCode: string;
    name: string;
    address: string | null | undefined;
    townshipId: number;
    village: VillageRef | undefined;
    industry: string | null | undefined;
    size: string;
  }>;
  households: Array<{
    existingId: number | null;
    village: VillageRef;
    label: string;
    address: string | null | undefined;
  }>;
  counts: Record<TargetSheetKind, { created: number; updated: number }>;
  problems: TargetImportProblem[];
}

const SIZES: Record<string, string> = {
  大型: 'large',
  大: 'large',
  large: 'large',
  中型: 'medium',
  中: 'medium',
  medium: 'medium',
  小型: 'small',
  小: 'small',
  small: 'small',
  微型: 'micro',
  微: 'micro',
  micro: 'micro',
};
const KINDS: Record<string, string> = {
  村: 'village',
  行政村: 'village',
  village: 'village',
  社区: 'community',
  居委会: 'community',
  community: 'community',
};

const squash = (name: string) => name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
const villageKey = (townshipId: number, name: string) => `${townshipId} ${squash(name)}`;

export async function planTargets(db: Db, sheets: readonly ReadTargetSheet[]): Promise<TargetPlan> {
  const plan: TargetPlan = {
    villages: [],
    enterprises: [],
    households: [],
    counts: {
      villages: { created: 0, updated: 0 },
      enterprises: { created: 0, updated: 0 },
      households: { created: 0, updated: 0 },
    },
    problems: sheets.flatMap((s) => s.parsed.problems.map((p) => ({ ...p, sheet: s.name }))),
  };
  const units = await db.selectFrom('units').select(['id', 'code', 'name', 'level', 'active']).execute();
  const villages = await db.selectFrom('visit_villages').select(['id', 'township_id', 'name', 'code']).execute();
  const dbVillage = new Map(villages.map((v) => [villageKey(v.township_id, v.name), v]));
  const dbVillageCodes = new Map(villages.flatMap((v) => (v.code ? [[v.code, v.id] as const] : [])));
  const enterprises = new Map(
    (await db.selectFrom('visit_enterprises').select(['id', 'credit_code']).execute()).map((e) => [
      e.credit_code,
      e.id,
    ]),
  );
  const households = new Map(
    (await db.selectFrom('visit_households').select(['id', 'village_id', 'label']).execute()).map((h) => [
      `${h.village_id} ${h.label}`,
      h.id,
    ]),
  );
  const fileVillages = new Map<string, number>();
  const fileCodes = new Map<string, number>();
  const fileCredit = new Map<string, number>();
  const fileHouseholds = new Map<string, number>();

  // Villages come first whatever the order of the sheets: the other sheets may name them.
  const ordered = [...sheets].sort(
    (a, b) => Number(a.parsed.kind !== 'villages') - Number(b.parsed.kind !== 'villages'),
  );
  for (const sheet of ordered) {
    const { kind, headers, lines } = sheet.parsed;
    for (const { row, values } of lines) {
      let ok = true;
      const refuse = (key: string, code: string, message: string) => {
        plan.problems.push({
          sheet: sheet.name,
          row,
          column: headers[key] ?? null,
          value: values[key] ?? null,
          code,
          message,
        });
        ok = false;
      };
      const text = (key: string, max: number, required: boolean): string | null => {
        const value = values[key] ?? '';
        if (value === '') {
          if (required) refuse(key, 'required', 'this column is required');
          return null;
        }
        if (value.length > max) refuse(key, 'too_long', `at most ${max} characters`);
        return value;
      };
      // A column left out of the file leaves what is recorded as it is (a blank cell clears it).
      const kept = <T>(key: string, value: T): T | undefined => (headers[key] === undefined ? undefined : value);
      const township = resolveTownship(text('township', 100, true), units, refuse);
      const villageRef = (key: string, required: boolean): VillageRef | null => {
        const name = text(key, 100, required);
        if (name === null || township === null) return name === null ? { id: null, key: null } : null;
        const k = villageKey(township.id, name);
        const known = dbVillage.get(k);
        if (known) return { id: known.id, key: null };
        if (fileVillages.has(k)) return { id: null, key: k };
        refuse(
          key,
          'unknown_village',
          `${township.name} has no village or community of this name (neither recorded nor in the sheet 村社区)`,
        );
        return null;
      };

      if (kind === 'villages') {
        const name = text('name', 100, true);
        const kindWord = text('kind', 10, false);
        const villageKind =
          kindWord === null ? (name?.endsWith('社区') ? 'community' : 'village') : KINDS[kindWord.toLowerCase()];
        if (villageKind === undefined) refuse('kind', 'invalid_kind', 'write 村 or 社区');
        const count = text('households', 10, true);
        if (count !== null && !/^\d{1,7}$/.test(count))
          refuse('households', 'invalid_households', 'a whole number of households, 0 or more');
        const code = text('code', 40, false);
        const key = township && name ? villageKey(township.id, name) : null;
        if (key && fileVillages.has(key))
          refuse('name', 'duplicate_village', `the same village is on row ${fileVillages.get(key)}`);
        const existing = key ? (dbVillage.get(key) ?? null) : null;
        if (code !== null) {
          const codeOwner = dbVillageCodes.get(code);
          if (fileCodes.has(code)) refuse('code', 'duplicate_code', `the same code is on row ${fileCodes.get(code)}`);
          else if (codeOwner !== undefined && codeOwner !== existing?.id)
            refuse('code', 'village_code_taken', 'another village has this code');
          fileCodes.set(code, row);
        }
        // Named even when refused, so that the other sheets report only their own problems.
        if (key) fileVillages.set(key, row);
        if (ok && township && name && key && villageKind && count !== null) {
          plan.villages.push({
            key,
            existingId: existing?.id ?? null,
            townshipId: township.id,
            name,
            code: kept('code', code),
            kind: existing ? kept('kind', villageKind) : villageKind,
            households: Number(count),
            sortOrder: plan.villages.length,
          });
          plan.counts.villages[existing ? 'updated' : 'created'] += 1;
        }
      } else if (kind === 'enterprises') {
        const raw = text('creditCode', 40, true);
        let creditCode: string | null = null;
        if (raw !== null) {
          const checked = checkCreditCode(raw);
          if (checked.ok) creditCode = checked.code;
          else refuse('creditCode', `credit_code_${checked.reason}`, checked.message);
          const seen = creditCode ? fileCredit.get(creditCode) : undefined;
          if (creditCode && seen !== undefined)
            refuse('creditCode', 'duplicate_credit_code', `the same credit code is on row ${seen}`);
          if (creditCode) fileCredit.set(creditCode, row);
        }
        const name = text('name', 100, true);
        const village = villageRef('village', false);
        const sizeWord = text('size', 10, true);
        const size = sizeWord === null ? undefined : SIZES[sizeWord.toLowerCase()];
        if (sizeWord !== null && size === undefined) refuse('size', 'invalid_size', 'write 大型, 中型, 小型 or 微型');
        const address = text('address', 200, false);
        const industry = text('industry', 100, false);
        if (ok && creditCode && name && township && village && size) {
          const existingId = enterprises.get(creditCode) ?? null;
          plan.enterprises.push({
            existingId,
            creditCode,
            name,
            address: kept('address', address),
            townshipId: township.id,
            village: kept('village', village),
            industry: kept('industry', industry),
            size,
          });
          plan.counts.enterprises[existingId !== null ? 'updated' : 'created'] += 1;
        }
      } else {
        const village = villageRef('village', true);
        const label = text('label', 100, true);
        const address = text('address', 200, false);
        const fileKey = village && label ? `${village.id ?? village.key} ${label}` : null;
        if (fileKey && fileHouseholds.has(fileKey))
          refuse('label', 'duplicate_household', `the same household is on row ${fileHouseholds.get(fileKey)}`);
        if (fileKey) fileHouseholds.set(fileKey, row);
        if (ok && village && label) {
          const existingId = village.id !== null ? (households.get(`${village.id} ${label}`) ?? null) : null;
          plan.households.push({ existingId, village, label, address: kept('address', address) });
          plan.counts.households[existingId !== null ? 'updated' : 'created'] += 1;
        }
      }
    }
  }
  plan.problems.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row);
  return plan;
}

type UnitRow = { id: number; code: string; name: string; level: string; active: number };

function resolveTownship(
  value: string | null,
  units: readonly UnitRow[],
  refuse: (key: string, code: string, message: string) => void,
): UnitRow | null {
  if (value === null) return null;
  const matches = units.filter((u) => u.code === value || squash(u.name) === squash(value));
  const townships = matches.filter((u) => u.level === 'township');
  if (townships.length === 1) {
    if (townships[0]!.active !== 1) refuse('township', 'inactive_township', 'this township is deactivated');
    return townships[0]!;
  }
  if (townships.length > 1)
    refuse(
      'township',
      'ambiguous_township',
      `${townships.length} townships have this name; write the unit code (${townships.map((u) => u.code).join(', ')})`,
    );
  else if (matches.length > 0) refuse('township', 'not_a_township', 'this unit is not a township (乡镇/街道)');
  else refuse('township', 'unknown_township', 'no township with this name or code; check the unit list');
  return null;
}
