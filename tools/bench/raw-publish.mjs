// Raw client ceiling (performance.md G1 denominator): keep W js.publish() calls in flight for a
// while, same client options and payload as the proxies; prints {count, seconds, cpuMs}.
import { connect, headers } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { cpuUsage } from 'node:process';

const W = Number(process.env.W ?? 10);
const seconds = Number(process.env.SECONDS ?? 5);
const nc = await connect({ servers: process.env.NATS_URL, noAsyncTraces: true });
const js = jetstream(nc);
const body = Buffer.from(JSON.stringify({ data: 'a'.repeat(1000) }));
let count = 0;
let n = 0;
const end = Date.now() + seconds * 1000;
const started = performance.now();
const cpu0 = cpuUsage();
async function worker() {
  while (Date.now() < end) {
    const h = headers();
    h.set('ce-specversion', '1.0');
    h.set('ce-id', `raw-${n++}`);
    h.set('ce-source', 'bench');
    h.set('ce-type', 'order.created.v1');
    h.set('content-type', 'application/json');
    await js.publish('kyma.bench.order.created.v1', body, { headers: h });
    count++;
  }
}
await Promise.all(Array.from({ length: W }, worker));
const elapsed = (performance.now() - started) / 1000;
const cpu = cpuUsage(cpu0);
console.log(JSON.stringify({ count, seconds: elapsed, cpuMs: (cpu.user + cpu.system) / 1000 }));
await nc.close();
