import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioFileError } from '../../src/scenario/scenario-file.ts';

const HEAD = `name: t
staff:
  - { id: A, role: consultant }
steps:
`;

function problem(source: string): { line: number | null; problem: string } {
  try {
    parseScenario('f.yaml', source);
  } catch (e) {
    if (e instanceof ScenarioFileError) return { line: e.line, problem: e.problem };
    throw e;
  }
  throw new Error('expected the file to be rejected');
}

describe('a malformed scenario file is reported with its line', () => {
  it('bad YAML', () => {
    const p = problem(`${HEAD}  - { at: "2026-03-02 09:00", do: signIn, who: [A }\n`);
    expect(p.problem).toMatch(/not valid YAML/);
    expect(p.line).toBe(5);
  });
  it('unknown action', () => {
    expect(problem(`${HEAD}  - { at: "2026-03-02 09:00", do: dance, who: A }\n`)).toEqual({ line: 5, problem: expect.stringMatching(/step 1: unknown action "dance"/) });
  });
  it('unknown key in a step, in expect and in check', () => {
    expect(problem(`${HEAD}  - { at: "2026-03-02 09:00", do: signIn, who: A, colour: red }\n`).problem).toMatch(/unknown field "colour"/);
    expect(problem(`${HEAD}  - { at: "2026-03-02 09:00", do: signIn, who: A, expect: { receiver: A } }\n`).problem).toMatch(/"receiver" cannot be expected/);
    expect(problem(`${HEAD}  - { at: "2026-03-02 09:00", check: { next: A } }\n`).problem).toMatch(/unknown check "next"/);
  });
  it('unknown top-level key', () => {
    expect(problem(`${HEAD}  - { at: "2026-03-02 09:00", do: signIn, who: A }\nextra: 1\n`)).toEqual({ line: 6, problem: expect.stringMatching(/unknown key "extra"/) });
  });
  it('unknown staff id', () => {
    const p = problem(`${HEAD}  - { at: "2026-03-02 09:00", do: signIn, who: A }\n  - { at: "2026-03-02 09:01", do: signIn, who: [A, Z] }\n`);
    expect(p).toEqual({ line: 6, problem: expect.stringMatching(/step 2: unknown staff id "Z"/) });
  });
  it('time going backwards', () => {
    const p = problem(`${HEAD}  - { at: "2026-03-02 09:00", do: signIn, who: A }\n  - { at: "2026-03-02 08:59", do: signOut, who: A }\n`);
    expect(p).toEqual({ line: 6, problem: expect.stringMatching(/time goes backwards/) });
  });
  it('a check on a phone no earlier step names', () => {
    const p = problem(`${HEAD}  - { at: "2026-03-02 09:00", check: { owner: { phone: "13800138000", is: null } } }\n`);
    expect(p).toEqual({ line: 5, problem: expect.stringMatching(/no earlier step names/) });
  });
  it('an unknown knob names the knob', () => {
    expect(problem(`name: t\npolicy: { set: { ownership.protectDays: 20 } }\nstaff: [{ id: A, role: consultant }]\nsteps: [{ at: "2026-03-02 09:00", do: signIn, who: A }]\n`).problem).toMatch(/ownership\.protectDays/);
  });
  it('a malformed time', () => {
    expect(problem(`${HEAD}  - { at: "2026-3-2 9:00", do: signIn, who: A }\n`).problem).toMatch(/not a time/);
  });
});

describe('anchang scenario', () => {
  it('runs every file, continues past a broken one, ends with the count and fails the exit status', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anchang-scenarios-'));
    writeFileSync(join(dir, 'a-good.yaml'), `${HEAD}  - { at: "2026-03-02 09:00", do: signIn, who: A }\n  - { at: "2026-03-02 09:00", check: { up: A } }\n`);
    writeFileSync(join(dir, 'b-broken.yaml'), `${HEAD}  - { at: "2026-03-02 09:00", do: fly }\n`);
    writeFileSync(join(dir, 'c-wrong.yml'), `${HEAD}  - { at: "2026-03-02 09:00", do: signIn, who: A }\n  - { at: "2026-03-02 09:30", do: arrive, expect: { receiver: null } }\n`);
    writeFileSync(join(dir, 'notes.txt'), 'not a scenario');
    const run = spawnSync(process.execPath, ['bin/anchang.js', 'scenario', dir], { encoding: 'utf8' });
    const lines = run.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('1 passed, 2 failed');
    expect(run.stdout).toMatch(/b-broken\.yaml:5: step 1: unknown action "fly"/);
    expect(run.stdout).toMatch(/step 2 \(line 6\): receiver: expected null, got "A" \[rules: ROT-2\]/);
    expect(run.status).toBe(1);
  });
  it('exits 0 when everything passes', () => {
    const run = spawnSync(process.execPath, ['bin/anchang.js', 'scenario', '../shared/spec/examples'], { encoding: 'utf8' });
    expect(run.stdout.trim().split('\n').at(-1)).toBe('4 passed, 0 failed');
    expect(run.status).toBe(0);
  });
});
