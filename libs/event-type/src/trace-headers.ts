// Trace context between HTTP and CloudEvent extensions (reference 2.11): the proxy copies these
// request headers into extensions, the dispatcher turns them back into headers on the way to the
// sink and removes the extensions (reference 4.5 step 2).

/** The six HTTP headers and their CloudEvent extension names, in Kyma's order. */
export const TRACE_HEADER_EXTENSIONS = [
  { header: 'traceparent', extension: 'traceparent' },
  { header: 'X-B3-TraceId', extension: 'b3traceid' },
  { header: 'X-B3-ParentSpanId', extension: 'b3parentspanid' },
  { header: 'X-B3-SpanId', extension: 'b3spanid' },
  { header: 'X-B3-Sampled', extension: 'b3sampled' },
  { header: 'X-B3-Flags', extension: 'b3flags' },
] as const;

export type TraceHeaderName = (typeof TRACE_HEADER_EXTENSIONS)[number]['header'];
export type TraceExtensionName = (typeof TRACE_HEADER_EXTENSIONS)[number]['extension'];

/**
 * Proxy side: the extensions for the trace headers of a request. Only non-empty headers are copied.
 * `getHeader` receives the header name as listed above and should look it up case-insensitively.
 */
export function traceExtensionsFromHeaders(
  getHeader: (name: TraceHeaderName) => string | undefined,
): Partial<Record<TraceExtensionName, string>> {
  const extensions: Partial<Record<TraceExtensionName, string>> = {};
  for (const { header, extension } of TRACE_HEADER_EXTENSIONS) {
    const value = getHeader(header);
    if (value !== undefined && value !== '') extensions[extension] = value;
  }
  return extensions;
}

/**
 * Dispatcher side: splits an event's extensions into the trace headers to send and the remaining
 * extensions (the trace extensions removed). The input is not modified.
 */
export function takeTraceHeaders(extensions: Readonly<Record<string, string>>): {
  headers: Partial<Record<TraceHeaderName, string>>;
  extensions: Record<string, string>;
} {
  const headers: Partial<Record<TraceHeaderName, string>> = {};
  const remaining: Record<string, string> = { ...extensions };
  for (const { header, extension } of TRACE_HEADER_EXTENSIONS) {
    if (Object.hasOwn(remaining, extension)) {
      headers[header] = remaining[extension] as string;
      delete remaining[extension];
    }
  }
  return { headers, extensions: remaining };
}
