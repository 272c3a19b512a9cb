// `anchang scenario <files-or-folders>...`
import { runScenarioFiles } from '../scenario/scenario-runner.ts';
import type { CommandSpec } from './command.ts';

export const scenarioCommand: CommandSpec = {
  usage: 'anchang scenario <files-or-folders>...',
  async run({ positionals }) {
    if (positionals.length === 0) {
      console.error('usage: anchang scenario <files-or-folders>...');
      return 2;
    }
    const summary = runScenarioFiles(positionals, (line) => console.log(line));
    return summary.failed === 0 ? 0 : 1;
  },
};
