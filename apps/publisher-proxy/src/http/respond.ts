import type { ServerResponse } from 'node:http';

export function respond(res: ServerResponse, status: number, body = '', contentType?: string, extraHeaders?: Record<string, string>): void {
  if (res.headersSent) return;
  if (status === 204 && extraHeaders === undefined) {
    // The publish success path: no body and no headers to build.
    res.writeHead(204);
    res.end();
    return;
  }
  const headers: Record<string, string | number> = { ...(extraHeaders ?? {}), 'content-length': Buffer.byteLength(body) };
  if (body !== '' || contentType) headers['content-type'] = contentType ?? 'text/plain; charset=utf-8';
  res.writeHead(status, headers);
  res.end(body);
}

export function respondJson(res: ServerResponse, status: number, json: string, extraHeaders?: Record<string, string>): void {
  respond(res, status, json, 'application/json', extraHeaders);
}

/** Ends the response and closes the connection: used when the request body was not read to its end. */
export function respondAndClose(res: ServerResponse, status: number, body: string, contentType?: string): void {
  respond(res, status, body, contentType, { connection: 'close' });
}
