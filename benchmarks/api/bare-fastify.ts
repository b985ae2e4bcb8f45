// The baseline of benchmarks/api: a bare Fastify server (no Nest, no guards, no logging) with two
// routes that return the very JSON the DA-KI server answered, read from PAYLOAD_FILE. Objects, not
// strings: Fastify serialises them per request, as it does the DA-KI server's answers.
// Started by run.ts; prints `listening <port>` once ready, stops on SIGTERM.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const payloadFile = process.env.PAYLOAD_FILE;
if (!payloadFile) throw new Error('PAYLOAD_FILE is not set');
const payloads = JSON.parse(readFileSync(payloadFile, 'utf8')) as { top10: unknown; detail: unknown };

const app = Fastify({ logger: false });
app.get('/top10', async () => payloads.top10);
app.get('/stock', async () => payloads.detail);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
