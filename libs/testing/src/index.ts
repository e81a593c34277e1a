export { findFreePort } from './free-port';
export { REPO_ROOT, buildTool } from './tools-cache';
export { natsServerBinary, startNatsServer, waitForPort, type NatsServerHandle, type NatsServerOptions } from './nats-server';
