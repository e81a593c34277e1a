import { z } from 'zod';

/** The NATS connection variables every app reads (URL and optional credentials from a Secret). */
export const natsConnectionEnvSchema = z.object({
  NATS_URL: z.string().regex(/^(nats|tls|ws|wss):\/\/\S+$/, 'a NATS URL like nats://host:4222'),
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  NATS_TOKEN: z.string().optional(),
});

export interface NatsAuth {
  readonly user?: string;
  readonly pass?: string;
  readonly token?: string;
}

/** Credentials for `connectNats`: user and password, a token, or none. */
export function toNatsAuth(env: z.output<typeof natsConnectionEnvSchema>): NatsAuth {
  return {
    ...(env.NATS_USER !== undefined ? { user: env.NATS_USER, pass: env.NATS_PASSWORD ?? '' } : {}),
    ...(env.NATS_TOKEN !== undefined ? { token: env.NATS_TOKEN } : {}),
  };
}
