import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hubLockPlaces, lockHub } from "./up-lock.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-up-lock-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const places = (database: Parameters<typeof hubLockPlaces>[0]["database"], emulator = false) =>
  hubLockPlaces({ dataDir: "/srv/hub", database }, { emulator, demo: false }).map((place) => place.file);

describe("what a hub locks", () => {
  it("its data directory when its SQLite database is there", () => {
    expect(places({ dataDir: "/srv/hub" })).toEqual(["/srv/hub/hub.lock"]);
  });

  it("nothing on PostgreSQL delivering to an account, so several hubs may share one hub.yaml on a machine", () => {
    expect(places({ postgres: "postgres://db.internal/incidentkit" })).toEqual([]);
  });

  it("the data directory on PostgreSQL too, when a local emulator keeps its state there", () => {
    expect(places({ postgres: "postgres://db.internal/incidentkit" }, true)).toEqual(["/srv/hub/hub.lock"]);
  });

  it("a SQLite file named by DATABASE_URL beside it, wherever it is", () => {
    expect(places({ file: "/var/lib/hub.sqlite" })).toEqual(["/var/lib/hub.sqlite.lock"]);
    expect(places({ file: "/var/lib/hub.sqlite" }, true)).toEqual([
      "/srv/hub/hub.lock",
      "/var/lib/hub.sqlite.lock",
    ]);
  });

  it("names the demo's way to another data directory, and a config's", () => {
    const [demo] = hubLockPlaces(
      { dataDir: "/d", database: { dataDir: "/d" } },
      { emulator: true, demo: true },
    );
    expect(demo?.elsewhere).toContain("incidentkit up --data-dir <dir>, or INCIDENTKIT_DATA_DIR");
    const [own] = hubLockPlaces(
      { dataDir: "/d", database: { dataDir: "/d" } },
      { emulator: false, demo: false },
    );
    expect(own?.elsewhere).toContain("data_dir in its hub.yaml");
  });
});

describe("taking a hub's locks", () => {
  it("takes none when one is held: those taken before the refusal are released", async () => {
    const dataDir = join(dir, "state");
    const file = join(dir, "db", "hub.sqlite");
    mkdirSync(join(dir, "db"));
    const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    await new Promise((resolve) => holder.once("spawn", resolve));
    try {
      writeFileSync(
        `${file}.lock`,
        JSON.stringify({
          pid: holder.pid,
          url: "http://127.0.0.1:8780",
          started_at: new Date().toISOString(),
        }),
      );
      const placesToLock = hubLockPlaces({ dataDir, database: { file } }, { emulator: true, demo: false });
      expect(() => lockHub(placesToLock)).toThrow(
        `another hub is already running on database file ${file}: http://127.0.0.1:8780 (PID ${holder.pid})`,
      );
      expect(existsSync(join(dataDir, "hub.lock"))).toBe(false);
      expect(existsSync(`${file}.lock`)).toBe(true);
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it("records the URL in each lock and removes them all at release", () => {
    const dataDir = join(dir, "state");
    const file = join(dir, "hub.sqlite");
    const locks = lockHub(hubLockPlaces({ dataDir, database: { file } }, { emulator: true, demo: false }));
    locks.listening("http://127.0.0.1:8780");
    expect(existsSync(join(dataDir, "hub.lock"))).toBe(true);
    expect(existsSync(`${file}.lock`)).toBe(true);
    locks.release();
    expect(existsSync(join(dataDir, "hub.lock"))).toBe(false);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
