import { randomBytes } from "node:crypto";
import {
  closeSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { IncidentKitError } from "../api/errors.js";
import { makePrivateDir } from "../shared/private-files.js";
import { processExists, processStartTime } from "../shared/process-start.js";

/**
 * One hub per place of local state: a lock file, created exclusively when a hub starts and removed when it stops
 * cleanly, holding the hub's PID and URL, so a second hub started on the same place is refused with the URL of
 * the one running. A lock whose process is gone (killed, crashed, the machine restarted) is taken over.
 */

/** The lock file's name in a data directory. */
export const LOCK_FILE_NAME = "hub.lock";

/** The place a lock guards. */
export interface LockPlace {
  /** The lock file. */
  file: string;
  /** What the place is, for messages: "data directory", "database file". */
  kind: string;
  /** Where it is: "/srv/hub". */
  path: string;
  /** How to start this hub anyway, for the refusal: "give this hub another data directory (…)". */
  elsewhere: string;
}

export interface HubLock {
  readonly file: string;
  /** Records where the hub listens, so a hub refused later can name it. */
  listening(url: string): void;
  /** Removes the lock if it is still this process's. Safe to call more than once. */
  release(): void;
}

export interface TakenLock {
  lock: HubLock;
  /** Set when the lock of a hub no longer running was taken over: a line saying so. */
  tookOver?: string;
}

const LockSchema = z.object({
  pid: z.number().int().positive(),
  url: z.string().nullable(),
  started_at: z.string(),
  /** The holder's start time (see process-start.ts), where the system tells it: a reused PID is not the holder. */
  process_start: z.string().optional(),
});
type LockContent = z.infer<typeof LockSchema>;

/**
 * A lock file with no content yet, younger than this, is a hub between creating it and writing its PID (the same
 * instant, in practice); an older one was left by a process that died in between.
 */
const BEING_WRITTEN_MS = 5_000;

/** Creating, finding a stale lock and removing it may race another hub doing the same: a few tries settle it. */
const TRIES = 3;

/** Takes the lock on `place`, or refuses (naming the hub that holds it and the fix) if a live hub does. */
export function takeHubLock(place: LockPlace): TakenLock {
  makePrivateDir(dirname(place.file));
  const content: LockContent = {
    pid: process.pid,
    url: null,
    started_at: new Date().toISOString(),
  };
  const start = processStartTime(process.pid);
  if (start !== undefined) content.process_start = start;
  const notes: string[] = [];
  for (let attempt = 0; attempt < TRIES; attempt++) {
    if (create(place.file, content)) {
      const lock = heldLock(place.file, content);
      return notes.length > 0 ? { lock, tookOver: notes.join("\n") } : { lock };
    }
    const held = readHeld(place.file);
    if (held.kind === "gone") continue;
    if (held.kind === "being-written") throw starting(place, held.ageMs);
    if (held.kind === "live") throw running(place, held.content);
    if (setAside(place.file, held.text)) notes.push(held.note);
  }
  const held = readHeld(place.file);
  if (held.kind === "live") throw running(place, held.content);
  throw starting(place, 0);
}

/**
 * The hub holding the lock `file`, if it still runs: its PID and where it listens (null while it starts). How
 * the CLI finds the running hub of a data directory.
 */
export function liveHolder(file: string): { pid: number; url: string | null } | undefined {
  const content = parse(readOrEmpty(file));
  return content !== undefined && holderRuns(content) ? { pid: content.pid, url: content.url } : undefined;
}

/** Creates the lock file with `content`, unless it exists. */
function create(file: string, content: LockContent): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw cannotWrite(file, error);
  }
  try {
    writeSync(fd, `${JSON.stringify(content, null, 2)}\n`);
  } catch (error) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw cannotWrite(file, error);
  }
  closeSync(fd);
  return true;
}

type Held =
  | { kind: "gone" }
  | { kind: "being-written"; ageMs: number }
  | { kind: "live"; content: LockContent }
  | { kind: "stale"; note: string; text: string };

/** What the lock file says of its holder, and whether that holder still runs. */
function readHeld(file: string): Held {
  let text: string;
  let ageMs: number;
  try {
    ageMs = Date.now() - statSync(file).mtimeMs;
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "gone" };
    throw cannotWrite(file, error);
  }
  const content = parse(text);
  if (content === undefined) {
    if (ageMs < BEING_WRITTEN_MS) return { kind: "being-written", ageMs };
    return { kind: "stale", note: `note: ${file} held no hub's PID; this hub takes it over`, text };
  }
  if (holderRuns(content)) return { kind: "live", content };
  const where = content.url === null ? "" : `, ${content.url}`;
  return {
    kind: "stale",
    note: `note: ${file} was left by a hub no longer running (PID ${content.pid}${where}); this hub takes it over`,
    text,
  };
}

/**
 * Removes the stale lock that read `stale`, unless another hub has replaced it since: a hub that took over the same
 * stale lock an instant earlier holds a fresh one, which removing by name would delete. Moved aside first, so what
 * is removed is what was checked; a fresh lock moved by mistake is put back. True when the stale lock is gone.
 */
function setAside(file: string, stale: string): boolean {
  const aside = `${file}.${randomBytes(6).toString("hex")}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw cannotWrite(file, error);
  }
  if (readOrEmpty(aside) !== stale) {
    renameSync(aside, file);
    return false;
  }
  rmSync(aside, { force: true });
  return true;
}

function parse(text: string): LockContent | undefined {
  try {
    const parsed = LockSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the lock's holder is still running: its PID exists, is not this process's (a container's hub is often
 * PID 1 at every start), and, where the system tells start times, is the same process rather than a PID reused.
 */
function holderRuns(content: LockContent): boolean {
  if (content.pid === process.pid || !processExists(content.pid)) return false;
  if (content.process_start === undefined) return true;
  const now = processStartTime(content.pid);
  return now === undefined || now === content.process_start;
}

function heldLock(file: string, content: LockContent): HubLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener("exit", release);
    const current = parse(readOrEmpty(file));
    // Another hub may have taken it over, if this one was thought dead: its lock is not this one's to remove.
    if (current?.pid !== process.pid) return;
    try {
      unlinkSync(file);
    } catch {
      // Often at the process's exit, where a throw would print a stack trace: a lock left behind names this
      // process, which will have ended, so the next hub takes it over.
    }
  };
  // However the process ends short of being killed (an error after start included), the lock goes with it.
  process.once("exit", release);
  return {
    file,
    listening(url) {
      replace(file, { ...content, url });
    },
    release,
  };
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** Rewrites the lock in one step (a file beside it, renamed over it), so it never stops existing or reads empty. */
function replace(file: string, content: LockContent): void {
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw cannotWrite(file, error);
  }
}

function running(place: LockPlace, holder: LockContent): IncidentKitError {
  const message =
    holder.url === null
      ? `another hub (PID ${holder.pid}) is starting on ${place.kind} ${place.path}`
      : `another hub is already running on ${place.kind} ${place.path}: ${holder.url} (PID ${holder.pid})`;
  return new IncidentKitError({
    code: "hub_running",
    message: `${message}; two hubs on one ${place.kind} would both act on the same alerts`,
    hint: `stop it (Ctrl+C where it runs, or kill ${holder.pid}), or ${place.elsewhere}`,
  });
}

function starting(place: LockPlace, ageMs: number): IncidentKitError {
  return new IncidentKitError({
    code: "hub_running",
    message: `another hub is starting on ${place.kind} ${place.path} (its lock ${place.file} is ${Math.round(ageMs)} ms old)`,
    hint: `start again in a few seconds; if no hub is starting, remove ${place.file}, or ${place.elsewhere}`,
  });
}

function cannotWrite(file: string, error: unknown): IncidentKitError {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new IncidentKitError({
    code: "config",
    message: `cannot use the hub's lock file ${file} (${code})`,
    hint: "check that the hub's data directory is writable by this user",
  });
}
