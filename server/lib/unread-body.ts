import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';

/** How long a connection answered mid-body keeps reading (and discarding) before it is dropped. */
const LINGER_MS = 3000;

const lingering = new WeakSet<Socket>();

/**
 * Ends a connection without losing the answer already written on it: our side is closed (FIN),
 * then what the client is still sending is read and thrown away until it closes its side or
 * `LINGER_MS` pass. Dropping the socket at once instead would make the kernel answer the
 * client's next bytes with a reset, which can discard the answer before the client reads it.
 */
function lingeringClose(socket: Socket, incoming: IncomingMessage): void {
  if (socket.destroyed || lingering.has(socket)) return;
  lingering.add(socket);
  socket.end();
  // Whoever was reading the body (a web stream nobody pulls any more) holds it paused, and
  // the socket with it: read it into nothing instead.
  incoming.removeAllListeners('data');
  incoming.on('data', () => {});
  incoming.resume();
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('end', () => socket.destroy());
  socket.once('close', () => clearTimeout(timer));
}

/**
 * A request answered before its body was read to the end (a 413 over a limit, a 401 or 415
 * before an upload is read): the answer says `Connection: close`, so the client never sends its
 * next request on this connection, and the connection closes by lingering, so the client always
 * gets the answer. Node's server and @hono/node-server's drain both end such a connection
 * through `destroySoon`, which for this connection becomes the lingering close above.
 * @example app.use('*', closeUnreadBodies);
 */
export const closeUnreadBodies: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming?.socket || incoming.complete || c.req.method === 'GET' || c.req.method === 'HEAD') return;
  c.header('Connection', 'close');
  const socket = incoming.socket;
  socket.destroySoon = () => lingeringClose(socket, incoming);
};
