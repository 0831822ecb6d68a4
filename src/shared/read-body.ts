import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

export type BodyRead =
  | { ok: true; text: string; bytes: number }
  | { ok: false; reason: "too_large"; bytes: number | undefined }
  | { ok: false; reason: "too_slow" };

const TOO_LARGE = Symbol("too large");
const TOO_SLOW = Symbol("too slow");

/** A body's chunks, or why reading it stopped. */
type Reading<T> = Promise<T[] | typeof TOO_LARGE | typeof TOO_SLOW>;

/**
 * A request's body as UTF-8 text, read only up to `maxBytes`: larger is `{ ok: false, reason: "too_large" }` as
 * soon as the declared length or the bytes read pass it, and nothing more is read. A body not complete within
 * `timeoutMs` is `{ ok: false, reason: "too_slow" }`: a sender trickling bytes cannot hold the hub's memory and a
 * connection for minutes. Either way answer with `Connection: close`: the rest of the body was not read.
 *
 * Served by `node:http`, the body is read from the incoming request itself: going through the Fetch API's
 * `Request` and its streams cost the hub a sixth of its CPU time per alert. Anywhere else (`app.request` in tests),
 * from the request's stream.
 */
export async function readBody(c: Context, maxBytes: number, timeoutMs: number): Promise<BodyRead> {
  const declared = Number(c.req.header("content-length"));
  if (declared > maxBytes) return { ok: false, reason: "too_large", bytes: declared };
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const chunks = await (incoming
    ? fromIncoming(incoming, maxBytes, timeoutMs)
    : fromStream(c.req.raw.body, maxBytes, timeoutMs));
  if (chunks === TOO_SLOW) return { ok: false, reason: "too_slow" };
  if (chunks === TOO_LARGE)
    return { ok: false, reason: "too_large", bytes: Number.isNaN(declared) ? undefined : declared };
  const buffer = Buffer.concat(chunks);
  return { ok: true, text: buffer.toString("utf8"), bytes: buffer.length };
}

/** The chunks of an incoming request; past `maxBytes` or `timeoutMs` it stops being read (the rest is dropped). */
function fromIncoming(incoming: IncomingMessage, maxBytes: number, timeoutMs: number): Reading<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (why: typeof TOO_LARGE | typeof TOO_SLOW) => {
      done();
      incoming.pause();
      resolve(why);
    };
    const timer = setTimeout(() => stop(TOO_SLOW), timeoutMs);
    const done = () => {
      clearTimeout(timer);
      incoming.off("data", onData).off("end", onEnd).off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) stop(TOO_LARGE);
      else chunks.push(chunk);
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

/** The chunks of a body stream; past `maxBytes` or `timeoutMs` the stream is cancelled. */
async function fromStream(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  timeoutMs: number,
): Reading<Uint8Array> {
  const chunks: Uint8Array[] = [];
  if (!body) return chunks;
  const reader = body.getReader();
  let late = false;
  // Cancelling ends the read under way, which then finds `late` set.
  const timer = setTimeout(() => {
    late = true;
    reader.cancel().catch(() => undefined);
  }, timeoutMs);
  try {
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (late) return TOO_SLOW;
      if (done) return chunks;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return TOO_LARGE;
      }
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
  }
}
