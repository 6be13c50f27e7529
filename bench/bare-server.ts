// The baseline: a bare Hono JSON route on the same Node server adapter as the service.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().get('/json', (c) => c.json({ data: [{ id: 'tsk_1', title: 'hello' }], next_cursor: null }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`LISTENING http://127.0.0.1:${info.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
