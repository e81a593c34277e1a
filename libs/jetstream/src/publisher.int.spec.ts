import { pino } from 'pino';
import { startNatsServer, waitFor, type NatsServerHandle } from '@eventing/testing';
import { connectNats, type ManagedConnection } from './connection';
import { createEventPublisher } from './publisher';

const logger = pino({ level: 'silent' });
// A subject whose only listener never answers: a JetStream publish to it waits for its ack until the timeout.
const SILENT_SUBJECT = 'kyma.silent.order.created.v1';
const event = { subject: SILENT_SUBJECT, headers: { 'ce-id': '1' }, data: new Uint8Array(1) };

describe('event publisher: a publish pending while the connection is lost', () => {
  let server: NatsServerHandle;
  let connection: ManagedConnection;

  beforeEach(async () => {
    server = await startNatsServer();
    connection = await connectNats({ url: server.url, name: 'test', reconnectWaitMs: 100 }, logger);
  });
  afterEach(async () => {
    await connection.close();
    await server.dispose();
  });

  const listenSilently = async (conn: ManagedConnection) => {
    conn.nc.subscribe(SILENT_SUBJECT);
    await conn.nc.flush();
  };

  it('without a connection loss, an unanswered publish is a backend error (500, reference 2.10)', async () => {
    await listenSilently(connection);
    await expect(createEventPublisher(connection, 500).publish(event)).rejects.toMatchObject({ status: 500 });
  });

  it('when NATS restarts while the publish waits for its ack, the answer is 502 (no connection), not 500', async () => {
    const publisher = createEventPublisher(connection, 3_000);
    await listenSilently(connection);
    const pending = publisher.publish(event);
    pending.catch(() => undefined);
    await server.restart();
    await waitFor(() => connection.state() === 'connected', 10_000, 'reconnected');
    await expect(pending).rejects.toMatchObject({ status: 502 });
  });
});
