import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted answer. `hang` never answers; `destroy` drops the connection without answering. */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  hang?: boolean;
  destroy?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/**
 * A real HTTP server on 127.0.0.1 that answers from a script, for testing the client against the wire.
 * Once the script runs out it answers with `fallback` (by default a 500 that fails the test loudly).
 */
export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  private script: (ScriptedReply | ((req: RecordedRequest) => ScriptedReply))[] = [];
  private readonly server: Server;
  url = "";

  constructor(private fallback: ScriptedReply = { status: 500, body: { error: "script exhausted" } }) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const recorded: RecordedRequest = {
          method: req.method ?? "",
          url: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        };
        this.requests.push(recorded);
        const next = this.script.shift() ?? this.fallback;
        const reply = typeof next === "function" ? next(recorded) : next;
        if (reply.hang) return;
        if (reply.destroy) {
          req.socket.destroy();
          return;
        }
        const text =
          reply.body === undefined
            ? ""
            : typeof reply.body === "string"
              ? reply.body
              : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, {
          ...(reply.body !== undefined && typeof reply.body !== "string"
            ? { "content-type": "application/json" }
            : {}),
          ...reply.headers,
        });
        res.end(text);
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Replaces the script with these replies, answered in order. */
  reply(...replies: (ScriptedReply | ((req: RecordedRequest) => ScriptedReply))[]): this {
    this.script = replies;
    this.requests.length = 0;
    return this;
  }

  setFallback(reply: ScriptedReply): void {
    this.fallback = reply;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
