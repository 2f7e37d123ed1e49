'use strict';

// Slipway sample: notes kept in PostgreSQL (DATABASE_URL) and a hit counter in Redis
// (REDIS_URL), both injected by `addons:create`. Node's own http module, so the only
// dependencies are the two clients.
//
//   GET  /            which add-ons the app sees, and whether each answers (MySQL and memcached:
//                     whether their server accepts a connection)
//   GET  /notes       every note, oldest first
//   POST /notes?text=hello   adds a note
//   DELETE /notes     deletes every note
//   POST /hits        counts one more hit in Redis and returns the count
//   GET  /probe?host=H&port=P   whether a TCP connection to H:P opens (network isolation tests)

const http = require('http');
const net = require('net');
const { Pool } = require('pg');
const redis = require('redis');

const GREETING = 'addons-hello v1';
const port = Number(process.env.PORT) || 5000;

let pool = null;
let schemaReady = null;
if (process.env.DATABASE_URL) {
  pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5, connectionTimeoutMillis: 5000 });
  // An idle connection dropped by a restarted server must not crash the app: the next query reconnects.
  pool.on('error', (err) => console.log(`postgres connection lost: ${err.message}`));
}

let cache = null;
if (process.env.REDIS_URL) {
  cache = redis.createClient({ url: process.env.REDIS_URL, socket: { reconnectStrategy: (n) => Math.min(n * 100, 2000) } });
  cache.on('error', (err) => console.log(`redis: ${err.message}`));
  cache.connect().catch((err) => console.log(`redis connect: ${err.message}`));
}

function schema() {
  if (!schemaReady) {
    schemaReady = pool.query('CREATE TABLE IF NOT EXISTS notes (id SERIAL PRIMARY KEY, text TEXT NOT NULL, '
      + 'created_at TIMESTAMPTZ NOT NULL DEFAULT now())').catch((err) => {
      schemaReady = null;
      throw err;
    });
  }
  return schemaReady;
}

async function status() {
  const result = { greeting: GREETING, app: process.env.SLIPWAY_APP || null, release: process.env.SLIPWAY_RELEASE || null };
  result.postgres = pool ? await pool.query('SELECT version()').then((r) => r.rows[0].version.split(' ').slice(0, 2).join(' '),
    (err) => `error: ${err.message}`) : 'absent';
  result.redis = cache ? (cache.isReady ? await cache.ping().catch((err) => `error: ${err.message}`) : 'connecting') : 'absent';
  // The app does not talk MySQL or memcached; it shows it can reach the server it was given.
  result.mysql = process.env.MYSQL_URL ? await reach(new URL(process.env.MYSQL_URL)) : 'absent';
  result.memcached = process.env.MEMCACHE_SERVERS ? await reach(new URL(`memcached://${process.env.MEMCACHE_SERVERS}`)) : 'absent';
  result.database_host = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).hostname : null;
  return result;
}

async function reach(url) {
  return (await probe(url.hostname, Number(url.port))).reachable ? 'reachable' : 'unreachable';
}

function probe(host, probePort) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: probePort, timeout: 2000 });
    const done = (reachable, error) => {
      socket.destroy();
      resolve({ host, port: probePort, reachable, error: error || null });
    };
    socket.on('connect', () => done(true));
    socket.on('timeout', () => done(false, 'timeout'));
    socket.on('error', (err) => done(false, err.code || err.message));
  });
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/' && req.method === 'GET') {
    return json(res, 200, await status());
  }
  if (url.pathname === '/notes') {
    if (!pool) {
      return json(res, 503, { error: 'DATABASE_URL is not set; run addons:create APP postgres' });
    }
    await schema();
    if (req.method === 'GET') {
      const rows = (await pool.query('SELECT text FROM notes ORDER BY id')).rows;
      return json(res, 200, rows.map((r) => r.text));
    }
    if (req.method === 'POST') {
      await pool.query('INSERT INTO notes (text) VALUES ($1)', [url.searchParams.get('text') || '']);
      return json(res, 201, { added: url.searchParams.get('text') || '' });
    }
    if (req.method === 'DELETE') {
      const deleted = (await pool.query('DELETE FROM notes')).rowCount;
      return json(res, 200, { deleted });
    }
  }
  if (url.pathname === '/hits' && req.method === 'POST') {
    if (!cache) {
      return json(res, 503, { error: 'REDIS_URL is not set; run addons:create APP redis' });
    }
    return json(res, 200, { hits: await cache.incr('hits') });
  }
  if (url.pathname === '/hits' && req.method === 'GET') {
    if (!cache) {
      return json(res, 503, { error: 'REDIS_URL is not set; run addons:create APP redis' });
    }
    return json(res, 200, { hits: Number(await cache.get('hits')) || 0 });
  }
  if (url.pathname === '/probe') {
    return json(res, 200, await probe(url.searchParams.get('host'), Number(url.searchParams.get('port'))));
  }
  return json(res, 404, { error: 'not found' });
}

function json(res, code, body) {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => json(res, 500, { error: err.message }));
});
server.listen(port, () => console.log(`addons-hello listening on port ${port}`));

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    console.log(`received ${signal}, shutting down`);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
