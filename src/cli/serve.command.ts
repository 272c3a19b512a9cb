// `anchang serve`: runs the office's server until stopped; a fresh data folder gets the demo office.
import { loadConfig } from '../server/config.ts';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/demo-office.ts';
import { describeStore } from '../server/installation.ts';
import { startServer, WEB_DIST } from '../server/start-server.ts';
import { startupBanner } from '../server/startup-banner.ts';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { CommandSpec } from './command.ts';

export const serveCommand: CommandSpec = {
  usage: 'anchang serve [--port N] [--data DIR] [--no-demo]',
  options: { port: { type: 'string' }, data: { type: 'string' }, 'no-demo': { type: 'boolean' } },
  async run({ values }) {
    const config = loadConfig({
      ...(typeof values.data === 'string' ? { data: values.data } : {}),
      ...(typeof values.port === 'string' ? { port: values.port } : {}),
      ...(values['no-demo'] === true ? { demo: false } : {}),
    });
    const server = await startServer(config);
    const port = Number(new URL(server.url).port);
    for (const line of startupBanner({ url: server.url, host: config.host, port, store: describeStore(config), interfaces: networkInterfaces() })) console.log(line);
    if (!existsSync(WEB_DIST)) console.log('  the web app is not built: run `npm run build:web` (npm start does it)');
    if (server.seeded) {
      console.log(`  demo office seeded; sign in with any of these logins, password "${DEMO_PASSWORD}":`);
      for (const l of DEMO_LOGINS) console.log(`    ${l.login.padEnd(9)} ${l.role.padEnd(17)} ${l.name}`);
    }
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        console.log('stopping…');
        server.close().then(resolve, resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
