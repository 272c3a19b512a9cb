// `anchang backup <file>`: a consistent online copy (SQLite), or the pg_dump command to run (PostgreSQL).
import { backupStore } from '../store/backup.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/installation.ts';
import type { CommandSpec } from './command.ts';

export const backupCommand: CommandSpec = {
  usage: 'anchang backup <file> [--data DIR]',
  options: { data: { type: 'string' } },
  async run({ values, positionals }) {
    const [file] = positionals;
    if (file === undefined || positionals.length > 1) {
      console.error('usage: anchang backup <file> [--data DIR]');
      return 2;
    }
    const config = loadConfig({ ...(typeof values.data === 'string' ? { data: values.data } : {}), demo: false });
    const db = openDatabase(config);
    try {
      const backup = await backupStore(db, file);
      if (backup.kind === 'copied') console.log(`backed up to ${backup.file} (keep ${config.dataDir}/secret.key apart from it: it unlocks the personal data)`);
      else console.log(`PostgreSQL is backed up with its own tool; run:\n  ${backup.argv.join(' ')}`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
