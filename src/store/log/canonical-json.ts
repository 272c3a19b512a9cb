// Canonical JSON: object keys sorted, no whitespace, so one value always has one text. Fact bodies are
// stored and hashed as this text on both databases (PostgreSQL `jsonb` would reorder keys and break the
// hash chain, SEC-3).

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json | undefined };

/** The one text of a JSON value. Properties whose value is `undefined` are left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return write(value as Json);
}

function write(value: Json | undefined): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // NaN and ±Infinity would silently become null: a fact that cannot be written back as it was is a bug.
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : write(v))).join(',')}]`;
      const obj = value as { readonly [key: string]: Json | undefined };
      const parts: string[] = [];
      for (const key of Object.keys(obj).sort()) {
        const v = obj[key];
        if (v !== undefined) parts.push(`${JSON.stringify(key)}:${write(v)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON: cannot write a ${typeof value}`);
  }
}
