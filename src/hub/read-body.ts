import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

export type BodyRead = { ok: true; text: string; bytes: number } | { ok: false; bytes: number | undefined };

/**
 * A request's body as UTF-8 text, read only up to `maxBytes`: larger is `{ ok: false }` as soon as the declared
 * length or the bytes read pass it, and nothing more is read (answer it with `Connection: close`).
 *
 * Served by `node:http`, the body is read from the incoming request itself: going through the Fetch API's
 * `Request` and its streams cost the hub a sixth of its CPU time per alert. Anywhere else (`app.request` in tests),
 * from the request's stream.
 */
export async function readBody(c: Context, maxBytes: number): Promise<BodyRead> {
  const declared = Number(c.req.header("content-length"));
  if (declared > maxBytes) return { ok: false, bytes: declared };
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const chunks = incoming
    ? await fromIncoming(incoming, maxBytes)
    : await fromStream(c.req.raw.body, maxBytes);
  if (chunks === undefined) return { ok: false, bytes: Number.isNaN(declared) ? undefined : declared };
  const buffer = Buffer.concat(chunks);
  return { ok: true, text: buffer.toString("utf8"), bytes: buffer.length };
}

/** The chunks of an incoming request, or undefined once they pass `maxBytes` (the rest is left unread). */
function fromIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer[] | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      incoming.off("data", onData).off("end", onEnd).off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        done();
        incoming.pause();
        resolve(undefined);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks);
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    incoming.on("data", onData).on("end", onEnd).on("error", onError);
  });
}

async function fromStream(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array[] | undefined> {
  const chunks: Uint8Array[] = [];
  if (!body) return chunks;
  const reader = body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
}
