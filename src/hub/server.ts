import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Hono } from "hono";

export interface RunningServer {
  url: string;
  /** Stops accepting connections and ends the open ones. */
  close(): Promise<void>;
}

/** Serves the app on host:port (0 picks a free port); resolves once it listens. */
export function listen(app: Hono, host: string, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined;
    const onError = (error: Error) => reject(error);
    server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      server?.off("error", onError);
      // Listening on every address, the URL to show is this machine's: nobody can open 0.0.0.0.
      const address = info.address === "0.0.0.0" || info.address === "::" ? "127.0.0.1" : info.address;
      const shown = address.includes(":") ? `[${address}]` : address;
      resolve({ url: `http://${shown}:${info.port}`, close: () => closeServer(server as ServerType) });
    });
    server.once("error", onError);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if ("closeAllConnections" in server) server.closeAllConnections();
  });
}
