import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the sink received. */
export interface SinkRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON. */
  json: Record<string, unknown>;
}

/** What the sink answers the nth request (1-based): a status code, or "hang" to never answer. */
export type SinkAnswer = (n: number, request: SinkRequest) => number | "hang";

export interface WebhookSink {
  url: string;
  requests: SinkRequest[];
  /** Resolves once at least `count` requests arrived; rejects after `timeoutMs`. */
  received(count: number, timeoutMs?: number): Promise<SinkRequest[]>;
  close(): Promise<void>;
}

/** A local HTTP endpoint on 127.0.0.1 that records every webhook delivered to it, for tests. */
export async function startWebhookSink(answer: SinkAnswer = () => 204): Promise<WebhookSink> {
  const requests: SinkRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let wake: () => void = () => undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {}
      const request = { headers: req.headers, body, json };
      requests.push(request);
      wake();
      const status = answer(requests.length, request);
      if (status === "hang") {
        hanging.add(res);
        return;
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    async received(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`the sink received ${requests.length} requests, expected ${count}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return requests.slice(0, count);
    },
    close() {
      for (const res of hanging) res.destroy();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
