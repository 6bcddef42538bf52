// JSON Merge Patch (RFC 7396), which is how PATCH /api/campaigns/{id} changes a campaign's settings: the
// office sends only what it changes, and what it leaves out stays as stored.

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * `target` with `patch` applied: an object merges key by key, recursively; a key whose value is null is
 * removed; anything else (an array, a string, a number) replaces whole. Neither argument is changed.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
      continue;
    }
    // defineProperty, not assignment: a key spelt "__proto__" (JSON.parse makes it an own key) stays a key,
    // which validation then refuses as unknown, rather than becoming the result's prototype.
    Object.defineProperty(result, key, {
      value: applyMergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}
