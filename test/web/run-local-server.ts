// `node --import tsx test/web/run-local-server.ts [port]`: the e2e server by hand, to look at the app.
import { startLocalServer } from './local-server.ts';

const server = await startLocalServer({ port: Number(process.argv[2] ?? 3000) });
console.log(`web app at ${server.url} (demo logins, password anchang-demo)`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
