'use strict';
// Verifies one captured webhook with the official library, as a receiver would.
// Usage: WEBHOOK_SECRET=whsec_... node verify.js <headers.json> <body file>
// Exit 0 when the signature and timestamp are valid, 1 when the library rejects them, 2 on bad usage.
const fs = require('fs');
const { Webhook } = require('standardwebhooks');

const [headersFile, bodyFile] = process.argv.slice(2);
const secret = process.env.WEBHOOK_SECRET;
if (!headersFile || !bodyFile || !secret) {
  console.error('usage: WEBHOOK_SECRET=whsec_... node verify.js <headers.json> <body file>');
  process.exit(2);
}
const headers = JSON.parse(fs.readFileSync(headersFile, 'utf8'));
const body = fs.readFileSync(bodyFile, 'utf8');
try {
  const payload = new Webhook(secret).verify(body, headers);
  console.log(JSON.stringify({ verified: true, type: payload.type }));
  process.exit(0);
} catch (e) {
  console.error('rejected: ' + e.message);
  process.exit(1);
}
