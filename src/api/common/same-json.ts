/** JSON text with object keys sorted at every level: jsonb gives keys back in its own order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** The fields (top-level keys) whose JSON values differ between a and b. */
export function differingFields<T extends object>(a: T, b: T, fields: readonly (keyof T & string)[]): (keyof T & string)[] {
  return fields.filter((field) => canonicalJson(a[field] ?? null) !== canonicalJson(b[field] ?? null));
}
