/**
 * The bare reference relay: the y-websocket protocol server of @y/websocket-server@0.1.1, with
 * no authentication and no persistence. Started by the benchmark on the same core as ours.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const port = Number(process.env.PORT ?? 3200);
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('relay');
});
const wss = new WebSocketServer({ server });
wss.on('connection', (ws, req) => {
  // Same URL shape as ours: /yjs/<docName>.
  const docName = decodeURIComponent((req.url ?? '/').split('?')[0]!.replace(/^\/yjs\//, '') || 'default');
  setupWSConnection(ws, req, { docName, gc: true });
});
server.listen(port, '127.0.0.1', () => console.log(`relay on ${port}`));
process.on('SIGTERM', () => process.exit(0));
