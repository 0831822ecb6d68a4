import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { readBody } from "./read-body.js";

/** An app answering with what `readBody` made of the request (as `app.request` serves it: from its stream). */
function reader(maxBytes: number, timeoutMs: number) {
  const app = new Hono();
  app.post("/", async (c) => c.json(await readBody(c, maxBytes, timeoutMs)));
  return app;
}

/** A body stream sending `chunks`, then staying open unless `end`. */
function stream(chunks: string[], end: boolean): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      if (end) controller.close();
    },
  });
}

async function post(app: Hono, body: ReadableStream<Uint8Array> | string): Promise<unknown> {
  const response = await app.request("/", { method: "POST", body, duplex: "half" } as RequestInit);
  return response.json();
}

describe("readBody from a stream", () => {
  it("reads a body in chunks as UTF-8 text", async () => {
    expect(await post(reader(100, 1_000), stream(['{"a":', '"é"}'], true))).toEqual({
      ok: true,
      text: '{"a":"é"}',
      bytes: 10,
    });
  });

  it("stops at the first chunk past the limit", async () => {
    expect(await post(reader(8, 1_000), stream(["12345", "67890"], false))).toEqual({
      ok: false,
      reason: "too_large",
    });
  });

  it("stops a body not complete in time", async () => {
    expect(await post(reader(100, 50), stream(['{"a":'], false))).toEqual({ ok: false, reason: "too_slow" });
  });
});
