import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "./index.js";
import { tempDir } from "./testing/rows.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CHILD = fileURLToPath(new URL("./testing/durability-child.ts", import.meta.url));
const LINES_BEFORE_KILL = 200;

let temp: ReturnType<typeof tempDir>;

beforeEach(() => {
  temp = tempDir();
});
afterEach(() => {
  temp.remove();
});

/** Runs the writer, kills it with SIGKILL once it has reported `lines` commits, and returns every ID it reported. */
function writeUntilKilled(file: string, lines: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, file], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      if (out.split("\n").length > lines) child.kill("SIGKILL");
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      err += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (signal !== "SIGKILL")
        return reject(new Error(`the writer exited (${code}) before it was killed: ${err}`));
      // Only whole lines are IDs the writer finished reporting.
      resolve(out.split("\n").slice(0, -1));
    });
  });
}

describe("durability", () => {
  it("keeps every alert a killed writer reported as committed", async () => {
    const file = join(temp.dir, "hub.sqlite");
    const ids = await writeUntilKilled(file, LINES_BEFORE_KILL);
    expect(ids.length).toBeGreaterThanOrEqual(LINES_BEFORE_KILL);

    const store = await openStore({ file });
    try {
      const alerts = await store.db.selectFrom("alerts").select("id").execute();
      const stored = new Set(alerts.map((row) => row.id));
      expect(ids.filter((id) => !stored.has(id))).toEqual([]);
      const outbox = await store.db.selectFrom("outbox").select("alert_id").execute();
      const queued = new Set(outbox.map((row) => row.alert_id));
      expect(ids.filter((id) => !queued.has(id))).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
