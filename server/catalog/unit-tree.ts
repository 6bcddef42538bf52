import type { UnitLevel } from '../db/schema.ts';

// The rules of the unit tree (city → county → township, departments under any of them), as plain data:
// the unit routes, the importer and the tree view all use them.

export const UNIT_LEVELS = ['city', 'county', 'township', 'department'] as const satisfies readonly UnitLevel[];

/** What a rule check needs to know about a unit, wherever it comes from (database row or import row). */
export interface Placement {
  level: UnitLevel;
  active: boolean;
}

export interface PlacementProblem {
  code: 'invalid_parent_level' | 'parent_required' | 'inactive_parent';
  message: string;
}

const PARENT_LEVELS: Record<UnitLevel, { allowed: readonly UnitLevel[]; required: boolean; describe: string }> = {
  city: { allowed: [], required: false, describe: 'a city is the top of the tree and has no parent unit' },
  county: { allowed: ['city'], required: false, describe: "a county's parent unit must be a city (or none)" },
  township: { allowed: ['county'], required: true, describe: "a township's parent unit must be a county" },
  department: {
    allowed: ['city', 'county', 'township'],
    required: true,
    describe: "a department's parent unit must be a city, county or township",
  },
};

/**
 * Whether `unit` may sit under `parent` (null: at the top). Levels keep the tree acyclic by themselves
 * (every parent is strictly higher), and an active unit under an inactive one would be rated while its
 * parent is not, so that is refused too.
 */
export function placementProblem(unit: Placement, parent: Placement | null): PlacementProblem | null {
  const rule = PARENT_LEVELS[unit.level];
  if (parent === null) return rule.required ? { code: 'parent_required', message: `${rule.describe}; give one` } : null;
  if (!rule.allowed.includes(parent.level))
    return { code: 'invalid_parent_level', message: `${rule.describe}, not a ${parent.level}` };
  if (unit.active && !parent.active)
    return {
      code: 'inactive_parent',
      message: 'an active unit cannot sit under an inactive parent unit; activate the parent first',
    };
  return null;
}

/**
 * True when making `parentId` the parent of `unitId` would close a loop: `parentId` is the unit itself or
 * one of its descendants. `parentOf` answers the parent as the tree would be after the change.
 */
export function wouldCreateCycle<K>(unitId: K, parentId: K | null, parentOf: (id: K) => K | null): boolean {
  const seen = new Set<K>();
  for (let current = parentId; current !== null; current = parentOf(current)) {
    if (current === unitId) return true;
    // A loop that does not pass through unitId was there before; stop rather than spin.
    if (seen.has(current)) return false;
    seen.add(current);
  }
  return false;
}

export interface TreeInput {
  id: number;
  parentId: number | null;
  sortOrder: number;
}

export type TreeNode<T> = T & { children: Array<TreeNode<T>> };

/** Nests a flat list by parentId, siblings by sort order then id; units whose parent is not in the list become roots. */
export function buildTree<T extends TreeInput>(units: readonly T[]): Array<TreeNode<T>> {
  const nodes = new Map<number, TreeNode<T>>();
  for (const unit of units) nodes.set(unit.id, { ...unit, children: [] });
  const roots: Array<TreeNode<T>> = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const order = (a: TreeInput, b: TreeInput) => a.sortOrder - b.sortOrder || a.id - b.id;
  const sortDeep = (list: Array<TreeNode<T>>) => {
    list.sort(order);
    for (const node of list) sortDeep(node.children);
  };
  sortDeep(roots);
  return roots;
}

/** The units of a tree, parents before children (the order of an export, readable top-down). */
export function flattenTree<T>(roots: ReadonlyArray<TreeNode<T>>): T[] {
  const out: T[] = [];
  const walk = (list: ReadonlyArray<TreeNode<T>>) => {
    for (const node of list) {
      out.push(node);
      walk(node.children);
    }
  };
  walk(roots);
  return out;
}
