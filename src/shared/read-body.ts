import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

export type BodyRead =
  | { ok: true; text: string; bytes: number }
  | { ok: false; reason: "too_large"; bytes: number | undefined }
  | { ok: false; reason: "too_slow" };

/**
 * A request's body as UTF-8 text, read only up to `maxBytes`: larger is `{ ok: false, reason: "too_large" }` as
 * soon as the declared length or the bytes read pass it, and nothing more is read. With `timeoutMs`, a body not
 * complete by then is `{ ok: false, reason: "too_slow" }`: a sender trickling bytes cannot hold the hub's memory
 * and a connection for minutes. Either way answer with `Connection: close`: the rest of the body was not read.
 *
 * Served by `node:http`, the body is read from the incoming request itself: going through the Fetch API's
 * `Request` and its streams cost the hub a sixth of its CPU time per alert. Anywhere else (`app.request` in tests),
 * from the request's stream.
 */
export async function readBody(c: Context, maxBytes: number, timeoutMs?: number): Promise<BodyRead> {
  const declared = Number(c.req.header("content-length"));
  if (declared > maxBytes) return { ok: false, reason: "too_large", bytes: declared };
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const reading = incoming ? fromIncoming(incoming, maxBytes) : fromStream(c.req.raw.body, maxBytes);
  const chunks = timeoutMs === undefined ? await reading : await within(reading, timeoutMs, incoming);
  if (chunks === TOO_SLOW) return { ok: false, reason: "too_slow" };
  if (chunks === undefined)
    return { ok: false, reason: "too_large", bytes: Number.isNaN(declared) ? undefined : declared };
  const buffer = Buffer.concat(chunks);
  return { ok: true, text: buffer.toString("utf8"), bytes: buffer.length };
}

const TOO_SLOW = Symbol("too slow");

/** What `reading` gives, or `TOO_SLOW` after `timeoutMs`; the request then stops being read. */
async function within<T>(
  reading: Promise<T>,
  timeoutMs: number,
  incoming: IncomingMessage | undefined,
): Promise<T | typeof TOO_SLOW> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TOO_SLOW>((resolve) => {
    timer = setTimeout(() => resolve(TOO_SLOW), timeoutMs);
  });
  try {
    const result = await Promise.race([reading, late]);
    if (result === TOO_SLOW) {
      incoming?.removeAllListeners("data");
      incoming?.pause();
      // What arrives later is dropped, not kept.
      reading.catch(() => undefined);
    }
    return result;
  } finally {
    clearTimeout(timer);
  }
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
