// `anchang scenario <files-or-folders>...`: runs every scenario, prints each failure and ends with
// `N passed, N failed`. A malformed file fails its own scenario; the run goes on.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatLocalTime } from '../core/time.ts';
import { describeReasons, runScenario, type Failure } from './run-scenario.ts';
import { parseScenario, ScenarioFileError, type Scenario } from './scenario-file.ts';

export interface RunSummary {
  readonly passed: number;
  readonly failed: number;
}

export function collectScenarioFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (path: string): void => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      missing.push(path);
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        const child = join(path, entry);
        if (statSync(child).isDirectory() || /\.ya?ml$/i.test(entry)) walk(child);
      }
    } else files.push(path);
  };
  for (const p of paths) walk(p);
  return { files, missing };
}

export function runScenarioFiles(paths: readonly string[], out: (line: string) => void): RunSummary {
  const { files, missing } = collectScenarioFiles(paths);
  let passed = 0;
  let failed = missing.length;
  for (const path of missing) out(`FAIL ${path}: no such file or folder`);
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file;
    let scenario: Scenario;
    try {
      scenario = parseScenario(shown, readFileSync(file, 'utf8'));
    } catch (e) {
      failed++;
      out(`FAIL ${e instanceof ScenarioFileError ? e.message : `${shown}: ${(e as Error).message}`}`);
      continue;
    }
    let failures: Failure[];
    try {
      failures = runScenario(scenario);
    } catch (e) {
      failed++;
      out(`FAIL ${shown} — ${scenario.name}: internal error: ${(e as Error).message}`);
      continue;
    }
    if (failures.length === 0) {
      passed++;
      out(`ok   ${shown} — ${scenario.name}`);
      continue;
    }
    failed++;
    out(`FAIL ${shown} — ${scenario.name}`);
    for (const f of failures) {
      out(`  step ${f.step} (line ${f.line}): ${f.what}: expected ${show(f.expected, scenario)}, got ${show(f.actual, scenario)} [rules: ${describeReasons(f.reasons)}]`);
      for (const r of f.reasons) {
        const rec = r.record ? ` (record #${r.record.seq} ${r.record.type}${r.record.by ? ` by ${r.record.by}` : ''} at ${formatLocalTime(r.record.at, scenario.zone)})` : '';
        out(`      ${r.rule}: ${r.text}${rec}`);
      }
    }
  }
  out(`${passed} passed, ${failed} failed`);
  return { passed, failed };
}

function show(value: unknown, _scenario: Scenario): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
