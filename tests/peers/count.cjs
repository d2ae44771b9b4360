// Preloaded into PouchDB Server (`node --require count.cjs`, couch.mjs's
// `count` option) by scripts/bench sync: counts what the server's clients
// send and receive, on the server's own sockets (headers, bodies and CORS
// preflights all included), with no proxy in between to slow anything.
//
// KITH_COUNT_PORT names a second port on 127.0.0.1 that answers, to any
// origin (CORS *):
//   GET /reset   zeroes the counts (and answers what they were);
//   GET /counts  {requests, sent, received, log, busy}: requests answered
//                since the last reset, bytes clients sent the server and
//                bytes it sent them, each request as "METHOD /path?query",
//                and by kind of request ("POST _bulk_docs") how many and
//                the milliseconds from each one's arrival to its answer
//                sent (the server's share of a sync's time).
// Requests to the counter itself are not counted.
'use strict';
const http = require('node:http');

const port = Number(process.env.KITH_COUNT_PORT);
if (port) {
  const open = new Set();
  let closed = { sent: 0, received: 0 };
  let base = { sent: 0, received: 0 };
  let log = [];
  let busy = {};
  let counter = null;

  const totals = () => {
    const t = { ...closed };
    for (const s of open) {
      t.sent += s.bytesRead;
      t.received += s.bytesWritten;
    }
    return t;
  };

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, ...args) {
    if (this !== counter) {
      if (event === 'connection') {
        const socket = args[0];
        open.add(socket);
        socket.once('close', () => {
          closed.sent += socket.bytesRead;
          closed.received += socket.bytesWritten;
          open.delete(socket);
        });
      } else if (event === 'request') {
        const [req, res] = args;
        log.push(`${req.method} ${req.url}`);
        const last = req.url.split('?')[0].split('/').filter(Boolean);
        const what = `${req.method} ${last.length > 1 && last[1].startsWith('_') ? last[1] : last.length ? 'db' : '/'}`;
        const start = process.hrtime.bigint();
        const kinds = busy;
        res.once('finish', () => {
          const k = (kinds[what] ??= { requests: 0, ms: 0 });
          k.requests += 1;
          k.ms += Number(process.hrtime.bigint() - start) / 1e6;
        });
      }
    }
    return emit.call(this, event, ...args);
  };

  counter = http.createServer((req, res) => {
    const now = totals();
    const counts = {
      requests: log.length,
      sent: now.sent - base.sent,
      received: now.received - base.received,
      log,
      busy,
    };
    if (req.url === '/reset') {
      base = now;
      log = [];
      busy = {};
    }
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(counts));
  });
  counter.listen(port, '127.0.0.1');
  counter.unref();
}
