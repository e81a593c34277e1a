import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { ok: true; body: Buffer }
  /** `head` holds the first `limit + 1` bytes of an oversized body when asked for (`keepHead`). */
  | { ok: false; reason: 'too-large'; head?: Buffer }
  | { ok: false; reason: 'aborted' };

/**
 * Reads a request body up to `limit` bytes (Kyma's max-bytes reader, reference 2.3). Stops
 * reading as soon as the limit is passed, so an oversized or endless body costs no memory.
 */
export function readBody(req: IncomingMessage, limit: number, keepHead = false): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (!keepHead && Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        if (!keepHead) return finish({ ok: false, reason: 'too-large' });
        chunks.push(chunk);
        return finish({ ok: false, reason: 'too-large', head: Buffer.concat(chunks).subarray(0, limit + 1) });
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
    const onError = (): void => finish({ ok: false, reason: 'aborted' });
    const onAborted = (): void => finish({ ok: false, reason: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}
