import { connect } from '@nats-io/transport-node';
import { startNatsServer } from './nats-server';

describe('startNatsServer', () => {
  it('starts a JetStream-enabled server that a client can reach, and restarts on the same port', async () => {
    const server = await startNatsServer();
    try {
      const nc = await connect({ servers: server.url });
      const info = nc.info;
      expect(info?.jetstream).toBe(true);
      await nc.close();
      await server.restart();
      const again = await connect({ servers: server.url });
      expect(again.isClosed()).toBe(false);
      await again.close();
    } finally {
      await server.dispose();
    }
  });
});
