// A malformed file is a failed scenario with a message, never a crash: mutate real scenario files at
// random and require either a clean parse-and-run or a ScenarioFileError.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run-scenario.ts';
import { parseScenario, ScenarioFileError } from '../../src/scenario/scenario-file.ts';

const EXAMPLES = '../shared/spec/examples';
const sources = readdirSync(EXAMPLES).map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));
const TOKENS = ['{', '}', '[', ']', ':', ',', '"', '\n', ' ', '-', 'null', 'true', '13800138000', 'A', 'Z', 'do: ', 'check: ', 'expect: ', '2026-13-40 25:61', '!!binary', '&a', '*a', '\t', 'who: [A, A]', 'phone: 12'];

describe('malformed scenario files', () => {
  it('never crash the parser or the runner', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sources),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 }))), { minLength: 1, maxLength: 4 }),
        (source, edits) => {
          let text = source;
          for (const [pos, del, insert] of edits) {
            const at = pos % (text.length + 1);
            text = text.slice(0, at) + insert + text.slice(at + del);
          }
          try {
            runScenario(parseScenario('fuzz.yaml', text));
          } catch (e) {
            expect(e).toBeInstanceOf(ScenarioFileError);
            expect((e as ScenarioFileError).problem.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
