// The minimal dispatcher (performance.md section 9): pull consume → undici POST → ack on 2xx.
// The denominator for the delivery-path benchmark.
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { Pool } from 'undici';

const MAP = Number(process.env.MAX_ACK_PENDING ?? 10);
const nc = await connect({ servers: process.env.NATS_URL, noAsyncTraces: true });
const js = jetstream(nc);
const consumer = await js.consumers.get(process.env.STREAM ?? 'sap', process.env.CONSUMER ?? 'minimal');
const pool = new Pool(process.env.SINK_ORIGIN ?? 'http://127.0.0.1:3100', { connections: Math.min(MAP, 64) });
const messages = await consumer.consume({ max_messages: MAP });
console.log('minimal dispatcher consuming');
for await (const m of messages) {
  const h = {};
  if (m.headers) for (const [k, v] of m.headers) h[k] = v[0];
  pool.request({ path: '/', method: 'POST', headers: h, body: m.data }).then(
    async (r) => {
      await r.body.dump();
      if (r.statusCode < 300) m.ack();
      else m.nak();
    },
    () => m.nak(),
  );
}
