// Every rule id the project claims (of ../shared/spec/RULES.md) is named by a scenario in scenarios/ that
// asserts an answer: its `name:` names the id (a file name alone does not count) and at least one of its
// steps checks the office's answer (`expect:` on a command, or a `check:`). Ids that no scenario can show
// (accounts, the personal-data vault) are claimed by a test file that names the id and asserts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const range = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}-${from + i}`);

/** The rule ids of ../shared/spec/RULES.md this codebase implements and shows in a scenario. */
export const IMPLEMENTED = [
  ...range('ROT', 1, 15),
  'REG-2', 'REG-4', 'REG-7', 'REG-8',
  ...range('OWN', 1, 15),
  ...range('CH', 1, 10),
  'DEAL-1', 'DEAL-3', 'DEAL-4',
  // office: the violation register
  'PEN-1',
  // register hygiene (issue 12.2)
  'REG-5', 'REG-6', 'REG-9', 'REG-10', 'REG-11',
  // register import (issue 11.4): paper-era entries are late entries the manager approves
  'REG-5',
];

/** Ids shown by a test rather than a scenario: the test file must name the id and assert. */
export const TESTED_ELSEWHERE: Readonly<Record<string, string>> = {
  // office: the two-person erasure in the admin workspace; the risk alerts over a generated month
  'SEC-5': 'test/api/admin.test.ts',
  'RISK-1': 'test/core/risk-alerts.test.ts',
  // ownership-rules: the owner's arrival alert kept until read
  'RISK-2': 'test/api/unread-alerts.test.ts',
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

interface ScenarioSummary {
  readonly file: string;
  readonly name: string;
  /** How many steps check an answer: a command's `expect`, or a `check`. */
  readonly assertions: number;
}

function summary(file: string): ScenarioSummary {
  const doc = parse(readFileSync(file, 'utf8')) as { name?: unknown; steps?: unknown } | null;
  const steps = Array.isArray(doc?.steps) ? (doc.steps as unknown[]) : [];
  const asserts = (s: unknown): boolean => typeof s === 'object' && s !== null && (('expect' in s && (s as { expect: unknown }).expect !== undefined) || 'check' in s);
  return { file, name: typeof doc?.name === 'string' ? doc.name : '', assertions: steps.filter(asserts).length };
}

const idPattern = (id: string) => new RegExp(`\\b${id}(?!\\d)`);

describe('rule coverage', () => {
  const scenarios = files('scenarios').filter((f) => /\.ya?ml$/.test(f)).map(summary);

  it.each(IMPLEMENTED)('%s is named by a scenario that asserts an answer', (id) => {
    const naming = scenarios.filter((s) => idPattern(id).test(s.name));
    expect(naming.map((s) => s.file), `no scenario in scenarios/ names ${id} in its name`).not.toEqual([]);
    expect(
      naming.filter((s) => s.assertions > 0).map((s) => s.file),
      `every scenario naming ${id} asserts nothing (no expect, no check): ${naming.map((s) => s.file).join(', ')}`,
    ).not.toEqual([]);
  });

  it('a file name alone does not count: the ids a file name gives are also in its scenario name, or claimed elsewhere', () => {
    // A file named ROT-14-… whose name: does not say ROT-14 would look covered to a reader and is not.
    const misleading = scenarios.filter((s) => {
      const fromFile = /\b([A-Z]+)-0*(\d+)\b/.exec(s.file.split('/').pop() ?? '');
      if (!fromFile) return false;
      return !idPattern(`${fromFile[1]}-${Number(fromFile[2])}`).test(s.name);
    });
    expect(misleading.map((s) => `${s.file}: ${s.name}`)).toEqual([]);
  });

  it.each(Object.entries(TESTED_ELSEWHERE))('%s is named by %s, which asserts', (id, file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(idPattern(id));
    expect(text).toMatch(/\bexpect\(/);
  });

  it('every claimed id exists in RULES.md', () => {
    const rules = readFileSync('../shared/spec/RULES.md', 'utf8');
    for (const id of [...IMPLEMENTED, ...Object.keys(TESTED_ELSEWHERE)]) expect(rules, id).toMatch(new RegExp(`\\*\\*${id}(?!\\d)`));
  });
});
