// Every code the server can put in front of a reader, collected from its sources, so a code added in a
// rule, a handler or the error map shows up in the catalogue test without anyone listing it by hand:
// reason codes (the second argument of every `reason(…)` call, ternaries included), refusal codes (the
// `RefusalCode` union), the API's own error codes (`ApiCode`) and the kinds of facts (`Fact['type']`).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'web' ? [] : sourceFiles(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The top-level arguments of the call whose `(` is at `open`, as source text (strings and brackets respected). */
export function callArguments(source: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < source.length; i++) {
    const c = source[i] as string;
    if (c === "'" || c === '"' || c === '`') {
      i = endOfString(source, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        args.push(source.slice(start, i));
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(source.slice(start, i));
      start = i + 1;
    }
  }
  return args;
}

function endOfString(source: string, at: number): number {
  const quote = source[at];
  for (let i = at + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (quote === '`' && c === '$' && source[i + 1] === '{') {
      let depth = 0;
      for (i++; i < source.length; i++) {
        if (source[i] === '{') depth++;
        else if (source[i] === '}' && --depth === 0) break;
      }
    } else if (c === quote) return i;
  }
  return source.length;
}

export interface ReasonCodes {
  readonly codes: ReadonlySet<string>;
  /** `file:line` of calls whose code is not a literal (the test cannot see what they say). */
  readonly dynamic: readonly string[];
}

export function reasonCodes(): ReasonCodes {
  const codes = new Set<string>();
  const dynamic: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?<![\w.])reason\(/g)) {
      if (/function\s+$/.test(source.slice(Math.max(0, m.index - 20), m.index))) continue;
      const code = callArguments(source, m.index + m[0].length - 1)[1] ?? '';
      const literals = [...code.matchAll(/'(\w+)'|"(\w+)"/g)].map((l) => (l[1] ?? l[2]) as string);
      if (literals.length === 0) dynamic.push(`${relative(SRC, file)}:${source.slice(0, m.index).split('\n').length}`);
      for (const l of literals) codes.add(l);
    }
  }
  return { codes, dynamic };
}

/** The string literals of `export type NAME = 'a' | 'b' …;` in one file. */
function unionMembers(file: string, name: string): string[] {
  const source = readFileSync(join(SRC, file), 'utf8');
  const m = new RegExp(`export type ${name}\\s*=([^;]*);`).exec(source);
  if (!m) throw new Error(`no union ${name} in ${file}`);
  return [...(m[1] as string).matchAll(/'(\w+)'/g)].map((l) => l[1] as string);
}

export const refusalCodes = (): string[] => unionMembers('app/commands.ts', 'RefusalCode');
export const apiCodes = (): string[] => unionMembers('api/error-map.ts', 'ApiCode');

export function factTypes(): string[] {
  const source = readFileSync(join(SRC, 'core/facts.ts'), 'utf8');
  return [...source.matchAll(/FactShape<'(\w+)'>/g)].map((m) => m[1] as string);
}
