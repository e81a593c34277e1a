import { trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  name: string;
  level: string;
  /** `json` (default) writes one JSON object per line; `console`/`text` are the same lines, for people. */
  format?: string;
  /** Where lines go; stdout when omitted (tests pass a stream). */
  destination?: NodeJS.WritableStream;
}

/** One JSON line per outcome (SPEC section 7); trace ids are added by the tracing mixin. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level,
      base: { service: options.name },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Lines written inside a traced unit of work carry its ids (SPEC section 7).
      mixin: () => {
        const span = trace.getActiveSpan();
        if (!span) return {};
        const c = span.spanContext();
        return { trace_id: c.traceId, span_id: c.spanId };
      },
    },
    (options.destination as pino.DestinationStream | undefined) ?? pino.destination({ sync: false }),
  );
}
