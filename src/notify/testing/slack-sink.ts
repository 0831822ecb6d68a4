import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the sink received. */
export interface SinkRequest {
  method: string;
  /** Path and query as received. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
}

/** An answer: the status, a body (text as is, anything else as JSON) and headers. `drop` closes the connection. */
export interface SinkAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  drop?: boolean;
}

export interface SlackSink {
  /** http://127.0.0.1:port */
  url: string;
  requests: SinkRequest[];
  /** Answers the next requests in this order; after them, the fallback. Clears the recorded requests. */
  script(...answers: SinkAnswer[]): void;
  close(): Promise<void>;
}

/**
 * A stand-in for Slack on 127.0.0.1: records every request and answers from a script, then with `fallback`
 * (by default what an incoming webhook answers when it took a message: 200 "ok").
 */
export async function startSlackSink(fallback: SinkAnswer = { status: 200, body: "ok" }): Promise<SlackSink> {
  const requests: SinkRequest[] = [];
  let queue: SinkAnswer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, json });
      const answer = queue.shift() ?? fallback;
      if (answer.drop) {
        req.socket.destroy();
        return;
      }
      const text =
        answer.body === undefined
          ? ""
          : typeof answer.body === "string"
            ? answer.body
            : JSON.stringify(answer.body);
      const type = typeof answer.body === "string" ? "text/plain" : "application/json";
      res.writeHead(answer.status ?? 200, { "content-type": type, ...answer.headers }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(...answers) {
      queue = answers;
      requests.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
