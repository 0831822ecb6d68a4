import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IncidentKitError } from "../api/errors.js";
import { processStartTime } from "../shared/process-start.js";
import { LOCK_FILE_NAME, type LockPlace, takeHubLock } from "./instance-lock.js";

let dir: string;
let place: LockPlace;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-lock-"));
  place = {
    file: join(dir, "state", LOCK_FILE_NAME),
    kind: "data directory",
    path: join(dir, "state"),
    elsewhere: "give this one another data directory (--data-dir <dir>)",
  };
});

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** Another process, running until the test ends: a live holder. */
async function liveProcess(): Promise<number> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", reject);
  });
  return child.pid as number;
}

/** The PID of a process that has exited: no process has it (the system gives PIDs out again only much later). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid as number;
}

function writeLock(content: Record<string, unknown> | string): void {
  takeHubLock(place).lock.release(); // creates the directory as a hub would
  writeFileSync(place.file, typeof content === "string" ? content : JSON.stringify(content));
}

function refusal(take: () => unknown): IncidentKitError {
  try {
    take();
  } catch (error) {
    if (error instanceof IncidentKitError) return error;
    throw error;
  }
  throw new Error("the lock was taken");
}

describe("the hub's lock on its data directory", () => {
  it("is created privately with this process's PID, records the URL once listening, and goes at release", () => {
    const { lock, tookOver } = takeHubLock(place);
    expect(tookOver).toBeUndefined();
    expect(statSync(place.file).mode & 0o777).toBe(0o600);
    expect(statSync(place.path).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(place.file, "utf8"))).toMatchObject({ pid: process.pid, url: null });
    lock.listening("http://127.0.0.1:8780");
    expect(JSON.parse(readFileSync(place.file, "utf8"))).toMatchObject({
      pid: process.pid,
      url: "http://127.0.0.1:8780",
    });
    expect(statSync(place.file).mode & 0o777).toBe(0o600);
    lock.release();
    expect(existsSync(place.file)).toBe(false);
    lock.release();
  });

  it("refuses a second hub while a live process holds it, naming its URL, its PID and the fix", async () => {
    const pid = await liveProcess();
    const start = processStartTime(pid);
    writeLock({
      pid,
      url: "http://127.0.0.1:8781",
      started_at: new Date().toISOString(),
      ...(start === undefined ? {} : { process_start: start }),
    });
    const error = refusal(() => takeHubLock(place));
    expect(error.code).toBe("hub_running");
    expect(error.message).toBe(
      `another hub is already running on data directory ${place.path}: http://127.0.0.1:8781 (PID ${pid}); two hubs on one data directory would both act on the same alerts`,
    );
    expect(error.hint).toBe(
      `stop it (Ctrl+C where it runs, or kill ${pid}), or give this one another data directory (--data-dir <dir>)`,
    );
    expect(JSON.parse(readFileSync(place.file, "utf8")).pid).toBe(pid);
  });

  it("says a hub is starting when the holder has not listened yet", async () => {
    const pid = await liveProcess();
    writeLock({ pid, url: null, started_at: new Date().toISOString() });
    expect(refusal(() => takeHubLock(place)).message).toContain(
      `another hub (PID ${pid}) is starting on data directory ${place.path}`,
    );
  });

  it("takes over the lock of a process that has exited, saying so", async () => {
    const pid = await deadPid();
    writeLock({ pid, url: "http://127.0.0.1:8782", started_at: "2026-01-01T00:00:00Z" });
    const { lock, tookOver } = takeHubLock(place);
    expect(tookOver).toBe(
      `note: ${place.file} was left by a hub no longer running (PID ${pid}, http://127.0.0.1:8782); this hub takes it over`,
    );
    expect(JSON.parse(readFileSync(place.file, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("takes over a lock naming this very process's PID (a container's hub is PID 1 at every start)", () => {
    writeLock({ pid: process.pid, url: null, started_at: "2026-01-01T00:00:00Z" });
    const taken = takeHubLock(place);
    expect(taken.tookOver).toContain(`PID ${process.pid}`);
    taken.lock.release();
  });

  it("takes over a lock whose PID now belongs to a process started later", async (context) => {
    const pid = await liveProcess();
    const start = processStartTime(pid);
    if (start === undefined) {
      console.log("skipped: this system does not tell processes' start times (no /proc)");
      context.skip();
    }
    writeLock({ pid, url: null, started_at: "2026-01-01T00:00:00Z", process_start: `${Number(start) - 1}` });
    const taken = takeHubLock(place);
    expect(taken.tookOver).toContain(`no longer running (PID ${pid})`);
    taken.lock.release();
  });

  it("waits for a lock still being written, and takes over one left empty for good", () => {
    writeLock("");
    const error = refusal(() => takeHubLock(place));
    expect(error.message).toMatch(/^another hub is starting on data directory .* ms old\)$/);
    expect(error.hint).toContain(`remove ${place.file}`);

    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(place.file, minuteAgo, minuteAgo);
    const taken = takeHubLock(place);
    expect(taken.tookOver).toBe(`note: ${place.file} held no hub's PID; this hub takes it over`);
    taken.lock.release();
  });

  it("leaves a lock another hub has taken over since", async () => {
    const { lock } = takeHubLock(place);
    const pid = await liveProcess();
    writeFileSync(place.file, JSON.stringify({ pid, url: null, started_at: new Date().toISOString() }));
    lock.release();
    expect(JSON.parse(readFileSync(place.file, "utf8")).pid).toBe(pid);
  });
});
