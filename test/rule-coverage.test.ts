// Every rule id the engine implements is named by a scenario in scenarios/ (the conformance suite).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const range = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}-${from + i}`);

/** The rule ids of ../shared/spec/RULES.md this codebase implements (issue: the rules engine). */
export const IMPLEMENTED = [
  ...range('ROT', 1, 15),
  'REG-2', 'REG-4', 'REG-7', 'REG-8',
  ...range('OWN', 1, 8), 'OWN-10', 'OWN-12', 'OWN-15',
  ...range('CH', 1, 10),
  'DEAL-1', 'DEAL-3', 'DEAL-4',
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('rule coverage', () => {
  const names = files('scenarios')
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => /^name:\s*(.*)$/m.exec(readFileSync(f, 'utf8'))?.[1] ?? '');

  it.each(IMPLEMENTED)('%s is named by a scenario', (id) => {
    const pattern = new RegExp(`\\b${id}(?!\\d)`);
    expect(names.some((n) => pattern.test(n)), `no scenario in scenarios/ names ${id} in its name`).toBe(true);
  });

  it('every implemented id exists in RULES.md', () => {
    const rules = readFileSync('../shared/spec/RULES.md', 'utf8');
    for (const id of IMPLEMENTED) expect(rules, id).toMatch(new RegExp(`\\*\\*${id} `));
  });
});
