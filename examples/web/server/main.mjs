// `pnpm web`: starts the example host on 127.0.0.1 and prints its URL.
//
//   PORT=8080 node examples/web/server/main.mjs            # a fixed port (default: 5180, or a free one if taken)
//   SMART_TASK_DATA_DIR=/tmp/st node examples/web/server/main.mjs
//   DATABASE_URL=postgres://… node examples/web/server/main.mjs
//   HOST=0.0.0.0 …                                           # only if you mean to expose it
import { fileURLToPath } from 'node:url';
import { startWebServer } from './app.mjs';

const dataDir = process.env.SMART_TASK_DATA_DIR ?? fileURLToPath(new URL('../.smart-task-data', import.meta.url));
const options = {
  host: process.env.HOST ?? '127.0.0.1',
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir }),
  ...(process.env.SMART_TASK_CLOCK === 'real' && { clock: 'real' }),
};
console.log('Starting Smart-Task web: opening the database and compiling the catalog…');
let web;
try {
  web = await startWebServer({ ...options, port: Number(process.env.PORT ?? 5180) });
} catch (error) {
  if (error?.code !== 'EADDRINUSE' || process.env.PORT) throw error;
  web = await startWebServer({ ...options, port: 0 });
}
console.log(`Database: ${process.env.DATABASE_URL ? 'PostgreSQL server' : `embedded (PGlite), in ${dataDir}`}`);
console.log(`Smart-Task web: ${web.url}  (Cassetto: ${web.url}/  ·  Fascicolo elettronico: ${web.url}/#/operatore)`);
const stop = async () => {
  await web.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
