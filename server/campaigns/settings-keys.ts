// Generic checks on settings JSON before and after zod has read it: keys it dropped, and nesting too deep
// to walk safely.

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Lists every key in `input` that the schema dropped from `output`: zod strips unknown keys silently, and
 * a misspelt setting (`minFillSecond`) must be refused, not ignored.
 */
export function unknownKeyPaths(
  input: unknown,
  output: unknown,
  path: readonly (string | number)[] = [],
): (string | number)[][] {
  // A subtree the schema passed through untouched (`scoring`) holds nothing it dropped.
  if (input === output) return [];
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, index) => unknownKeyPaths(item, output[index], [...path, index]));
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  return Object.keys(input).flatMap((key) =>
    key in output ? unknownKeyPaths(input[key], output[key], [...path, key]) : [[...path, key]],
  );
}

/**
 * True when a JSON value nests deeper than `limit`. Checked before anything recursive (the key walk above,
 * JSON.stringify) touches a setting, so a body of a million brackets is a 400, not a stack overflow.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => nestsDeeperThan(child, limit - 1));
}

/** The value at a path of keys in a JSON document, or undefined where the path leaves it. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
