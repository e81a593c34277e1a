// The part of autocannon (no published types) that the load journey uses.
declare module 'autocannon' {
  interface AutocannonOptions {
    url: string;
    method?: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Replaces `[<id>]` in the request (headers included) with a fresh id per request. */
    idReplacement?: boolean;
    headers?: Record<string, string>;
    body?: string;
  }
  interface AutocannonResult {
    requests: { average: number; total: number };
    non2xx: number;
    errors: number;
  }
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export = autocannon;
}
