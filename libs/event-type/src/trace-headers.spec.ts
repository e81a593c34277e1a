import { TRACE_HEADER_EXTENSIONS, takeTraceHeaders, traceExtensionsFromHeaders } from './trace-headers';

const ALL_HEADERS: Record<string, string> = {
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  'x-b3-traceid': '80f198ee56343ba864fe8b2a57d3eff7',
  'x-b3-parentspanid': '05e3ac9a4f6e3b90',
  'x-b3-spanid': 'e457b5a2e4d86bd1',
  'x-b3-sampled': '1',
  'x-b3-flags': '0',
};
const lookup = (headers: Record<string, string>) => (name: string) => headers[name.toLowerCase()];

describe('TRACE_HEADER_EXTENSIONS (reference 2.11)', () => {
  it('maps the six headers to their extension names', () => {
    expect(TRACE_HEADER_EXTENSIONS.map(({ header, extension }) => [header, extension])).toEqual([
      ['traceparent', 'traceparent'],
      ['X-B3-TraceId', 'b3traceid'],
      ['X-B3-ParentSpanId', 'b3parentspanid'],
      ['X-B3-SpanId', 'b3spanid'],
      ['X-B3-Sampled', 'b3sampled'],
      ['X-B3-Flags', 'b3flags'],
    ]);
  });
});

describe('traceExtensionsFromHeaders', () => {
  it('turns all six headers into exactly six extensions', () => {
    expect(traceExtensionsFromHeaders(lookup(ALL_HEADERS))).toEqual({
      traceparent: ALL_HEADERS['traceparent'],
      b3traceid: ALL_HEADERS['x-b3-traceid'],
      b3parentspanid: ALL_HEADERS['x-b3-parentspanid'],
      b3spanid: ALL_HEADERS['x-b3-spanid'],
      b3sampled: '1',
      b3flags: '0',
    });
  });

  it('skips absent and empty headers', () => {
    expect(traceExtensionsFromHeaders(lookup({ 'x-b3-sampled': '', 'x-b3-flags': '1' }))).toEqual({ b3flags: '1' });
  });
});

describe('takeTraceHeaders', () => {
  it('turns the extensions back into headers and removes them from the event', () => {
    const extensions = { b3traceid: 't', traceparent: 'p', originaltype: 'order.created.v1' };
    expect(takeTraceHeaders(extensions)).toEqual({
      headers: { traceparent: 'p', 'X-B3-TraceId': 't' },
      extensions: { originaltype: 'order.created.v1' },
    });
    expect(extensions).toEqual({ b3traceid: 't', traceparent: 'p', originaltype: 'order.created.v1' });
  });
});
