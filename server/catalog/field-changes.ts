export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** The fields of `next` whose value differs from `before` (for audit entries and import reports). */
export function fieldChanges<T extends object>(before: T, next: Partial<T>): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of Object.keys(next) as Array<keyof T & string>) {
    const to = next[key];
    if (to !== undefined && to !== before[key]) changes[key] = { from: before[key], to };
  }
  return changes;
}
