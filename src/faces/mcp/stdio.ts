import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { OpsSession } from "../../ops/index.js";
import { createMcpServer, type McpServerOptions } from "./server.js";

/** Serves the tools over stdin/stdout until stdin ends (the client went away). */
export async function serveStdio(
  session: OpsSession,
  streams: { stdin?: Readable; stdout?: Writable } = {},
  options: McpServerOptions = {},
): Promise<void> {
  const stdin = streams.stdin ?? process.stdin;
  const server = createMcpServer(session, options);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  await server.connect(new StdioServerTransport(stdin, streams.stdout ?? process.stdout));
  stdin.once("end", () => void server.close());
  await closed;
}
