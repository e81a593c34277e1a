// Runs once per jest run, before any test file: builds (or finds in the cache) the real
// components the tests use, so that a missing one fails the run at once. SPEC section 11.
import { natsServerBinary } from './nats-server';

export default async function globalSetup(): Promise<void> {
  natsServerBinary();
}
