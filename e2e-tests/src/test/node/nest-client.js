// A real NestJS RMQ client (ClientProxy over @nestjs/microservices), driven from the Java tests.
//   node nest-client.js <amqp-url> <queue> send <pattern> <json-data>   -> prints {"ok":value} or {"error":err}
//   node nest-client.js <amqp-url> <queue> emit <pattern> <json-data>   -> prints {"ok":true} once published
require('reflect-metadata');
const { ClientProxyFactory, Transport } = require('@nestjs/microservices');
const { firstValueFrom, lastValueFrom, timeout } = require('rxjs');

async function main() {
  const [url, queue, verb, pattern, json] = process.argv.slice(2);
  const client = ClientProxyFactory.create({
    transport: Transport.RMQ,
    options: { urls: [url], queue, queueOptions: { durable: true } },
  });
  await client.connect();
  const data = JSON.parse(json);
  let out;
  try {
    if (verb === 'send') {
      const value = await lastValueFrom(client.send(pattern, data).pipe(timeout(10000)));
      out = { ok: value };
    } else if (verb === 'emit') {
      await firstValueFrom(client.emit(pattern, data), { defaultValue: true });
      out = { ok: true };
    } else {
      throw new Error('unknown verb ' + verb);
    }
  } catch (err) {
    out = { error: err && err.message && !err.status ? { message: err.message, name: err.name } : err };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
  await client.close();
}

main().then(() => process.exit(0), (err) => {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(2);
});
