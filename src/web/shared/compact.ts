/** The fields that hold something: strings trimmed, empty strings and undefined dropped (optional API fields). */
export function compact<T extends object>(values: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const value = typeof v === 'string' ? v.trim() : v;
    if (value !== undefined && value !== null && value !== '') out[k] = value;
  }
  return out as Partial<T>;
}
