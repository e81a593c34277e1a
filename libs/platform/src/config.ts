import { z } from 'zod';

/** A configuration value that failed to parse; the message lists every problem by variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses an environment with a zod schema once, at boot: a bad value fails with every problem
 * named by its variable (ARCHITECTURE.md "Config"). The result is frozen.
 */
export function parseConfig<S extends z.ZodType>(schema: S, env: Env): Readonly<z.output<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return Object.freeze(result.data);
}

const DURATION_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** Parses a Go-style duration (`500ms`, `5s`, `1m30s`, `2h`) into milliseconds. */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(trimmed); m; m = re.exec(trimmed)) {
    total += Number(m[1]) * DURATION_UNITS_MS[m[2] as keyof typeof DURATION_UNITS_MS];
    matched = re.lastIndex;
  }
  return matched === trimmed.length && matched > 0 ? total : undefined;
}

const BYTE_UNITS = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 } as const;

/** Parses a Kubernetes quantity of bytes (`700Mi`, `1G`, `65536`); `-1` means unlimited. */
export function parseByteQuantity(text: string): number | undefined {
  const m = /^(-?\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(text.trim());
  if (!m) return undefined;
  const value = Number(m[1]);
  if (value < 0) return value === -1 ? -1 : undefined;
  return value * BYTE_UNITS[(m[2] ?? '') as keyof typeof BYTE_UNITS];
}

/** zod field: a duration string with a default, resolved to milliseconds. */
export function durationMs(defaultValue: string) {
  return z
    .string()
    .default(defaultValue)
    .transform((text, ctx) => {
      const ms = parseDurationMs(text);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: `not a duration (like 500ms, 5s, 1m): "${text}"` });
        return z.NEVER;
      }
      return ms;
    });
}

/** zod field: a byte quantity with a default, resolved to bytes (-1 = unlimited). */
export function byteQuantity(defaultValue: string) {
  return z
    .string()
    .default(defaultValue)
    .transform((text, ctx) => {
      const bytes = parseByteQuantity(text);
      if (bytes === undefined) {
        ctx.addIssue({ code: 'custom', message: `not a byte quantity (like 65536, 64Ki, 700Mi): "${text}"` });
        return z.NEVER;
      }
      return bytes;
    });
}

/** zod field: an integer with a default, within bounds. */
export function integer(defaultValue: number, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .default(String(defaultValue))
    .transform((text, ctx) => {
      const n = Number(text);
      if (!/^-?\d+$/.test(text.trim()) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `not an integer between ${min} and ${max}: "${text}"` });
        return z.NEVER;
      }
      return n;
    });
}

/** zod field: a TCP port with a default. */
export function port(defaultValue: number) {
  return integer(defaultValue, 0, 65535);
}

/** zod field: `true`/`false` with a default. */
export function boolean(defaultValue: boolean) {
  return z
    .enum(['true', 'false', 'TRUE', 'FALSE', 'True', 'False', '1', '0'])
    .default(defaultValue ? 'true' : 'false')
    .transform((v) => v.toLowerCase() === 'true' || v === '1');
}

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** The logging variables every app shares (Kyma's names). */
export const loggingEnvSchema = z.object({
  APP_LOG_LEVEL: z
    .string()
    .default('info')
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(LOG_LEVELS)),
  APP_LOG_FORMAT: z.enum(['json', 'console', 'text']).default('json'),
});
