// The `anchang` command line. Each subcommand is a thin adapter over the application.
import { runScenarioFiles } from '../scenario/scenario-runner.ts';

const USAGE = `usage: anchang <command>

  scenario <files-or-folders>...   run scenario files (../shared/spec/SCENARIOS.md)`;

function main(argv: string[]): number {
  const [command, ...args] = argv;
  switch (command) {
    case 'scenario': {
      if (args.length === 0) {
        console.error('usage: anchang scenario <files-or-folders>...');
        return 2;
      }
      const summary = runScenarioFiles(args, (line) => console.log(line));
      return summary.failed === 0 ? 0 : 1;
    }
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`anchang: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
