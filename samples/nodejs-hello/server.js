'use strict';

// Integration tests sed-replace "v1" here to check that a redeploy serves new code.
const GREETING = process.env.GREETING || 'Hello from Slipway v1';

const express = require('express');

const app = express();
const port = Number(process.env.PORT) || 5000;

app.get('/', (req, res) => {
  res.type('text/plain').send(GREETING);
});

app.get('/env', (req, res) => {
  res.json({
    app: process.env.SLIPWAY_APP || null,
    release: process.env.SLIPWAY_RELEASE || null,
    instance: process.env.SLIPWAY_INSTANCE || null,
  });
});

const server = app.listen(port, () => {
  console.log(`nodejs-hello listening on port ${port}`);
});

// Exit promptly on docker stop so zero-downtime deploys are not held up by the grace period.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    console.log(`received ${signal}, shutting down`);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
