import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../api/errors.js";
import { emulatorPortFile, keptEmulatorPort, listenOnKeptPort } from "./up-emulator-port.js";

let dir: string;
const servers: Server[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-port-"));
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

/** Listens on `port` of 127.0.0.1 as the emulator does, resolving to its URL; rejects as `listen` does. */
function listen(port: number): Promise<string> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      servers.push(server);
      resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
    });
  });
}

async function stopAll(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
}

describe("the local emulator's kept port", () => {
  it("is chosen at the first start, kept privately in the data directory, and listened on again", async () => {
    const first = await listenOnKeptPort(dir, listen);
    const port = Number(new URL(first.url).port);
    expect(first.taken).toBeUndefined();
    expect(keptEmulatorPort(dir)).toBe(port);
    expect(statSync(emulatorPortFile(dir)).mode & 0o777).toBe(0o600);
    await stopAll();

    const again = await listenOnKeptPort(dir, listen);
    expect(again).toEqual({ url: first.url });
  });

  it("moves to a free port when the kept one is taken, says which was taken, and keeps the new one", async () => {
    const busy = await listen(0);
    const busyPort = Number(new URL(busy).port);
    writeFileSync(emulatorPortFile(dir), JSON.stringify({ port: busyPort }));

    const moved = await listenOnKeptPort(dir, listen);
    expect(moved.taken).toBe(busyPort);
    expect(moved.url).not.toBe(busy);
    expect(keptEmulatorPort(dir)).toBe(Number(new URL(moved.url).port));
  });

  it("passes on any failure but a taken port", async () => {
    const failure = Object.assign(new Error("listen EACCES"), { code: "EACCES" });
    writeFileSync(emulatorPortFile(dir), JSON.stringify({ port: 41234 }));
    await expect(listenOnKeptPort(dir, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(JSON.parse(readFileSync(emulatorPortFile(dir), "utf8"))).toEqual({ port: 41234 });
  });

  it("names a file that is not a port file, and the fix", () => {
    writeFileSync(emulatorPortFile(dir), JSON.stringify({ port: "41234" }));
    let error: unknown;
    try {
      keptEmulatorPort(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      `${emulatorPortFile(dir)} is not an emulator port file (expected {"port": <1-65535>})`,
    );
    expect((error as ConfigError).hint).toContain("remove the file");
  });
});
