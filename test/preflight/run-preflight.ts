// `npm test`'s first step: stops at once, in one sentence per missing piece, when the machine lacks what the
// suite needs (Node ≥ 20.11, PostgreSQL with trust auth, Chromium, a CJK font). Silent when all is there.
import { preflightProblems } from './preflight.ts';
import { probeMachine } from './probes.ts';

const problems = preflightProblems(await probeMachine());
if (problems.length > 0) {
  console.error(`npm test cannot run on this machine yet:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
