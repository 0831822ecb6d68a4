import type { CatalogType, EscalationPath, Schedule } from "../api/index.js";
import { CATALOG_MAX_AGE_MS } from "./catalog-entries.js";
import { invalidArgument, oneOf } from "./invalid-argument.js";
import { findNamed } from "./lookups.js";
import type { OpsSession } from "./session.js";

interface Kept<T> {
  at: number;
  value: Promise<T>;
}

/**
 * Schedules, escalation paths and catalog types of one session, read whole and kept for a minute: a name is looked
 * up among them locally, and a hub or MCP server running for days still sees a schedule added a minute ago. Kept
 * beside the session rather than in it, as only on-call questions need them.
 */
class OnCallDirectory {
  private readonly kept = new Map<string, Kept<unknown>>();

  constructor(private readonly s: OpsSession) {}

  schedules(): Promise<Schedule[]> {
    return this.keep("schedules", () => collect(this.s.io.schedules.list()));
  }

  escalationPaths(): Promise<EscalationPath[]> {
    return this.keep("paths", () => collect(this.s.io.escalationPaths.list()));
  }

  catalogTypes(): Promise<CatalogType[]> {
    return this.keep("catalogTypes", () => this.s.io.catalogTypes.list());
  }

  /** Forgets what was read, after a write that changes it. */
  forget(key: "schedules" | "paths"): void {
    this.kept.delete(key);
  }

  private keep<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.s.clock.now();
    const kept = this.kept.get(key) as Kept<T> | undefined;
    if (kept && now - kept.at < CATALOG_MAX_AGE_MS) return kept.value;
    const value = load();
    const fresh: Kept<T> = { at: now, value };
    this.kept.set(key, fresh);
    // A failed read is not kept, so the next question tries again.
    value.catch(() => {
      if (this.kept.get(key) === fresh) this.kept.delete(key);
    });
    return value;
  }
}

const directories = new WeakMap<OpsSession, OnCallDirectory>();

export function onCallDirectory(s: OpsSession): OnCallDirectory {
  let directory = directories.get(s);
  if (!directory) {
    directory = new OnCallDirectory(s);
    directories.set(s, directory);
  }
  return directory;
}

/** A schedule by name (any case) or ID. */
export async function scheduleNamed(s: OpsSession, nameOrId: string): Promise<Schedule> {
  const schedules = await onCallDirectory(s).schedules();
  const found = findNamed(schedules, nameOrId);
  if (found) return found;
  throw invalidArgument(
    `no on-call schedule is called ${JSON.stringify(nameOrId.trim())}`,
    oneOf(
      "on-call schedules",
      schedules.map((schedule) => schedule.name),
    ),
  );
}

/** An escalation path by name (any case) or ID. */
export async function escalationPathNamed(s: OpsSession, nameOrId: string): Promise<EscalationPath> {
  const paths = await onCallDirectory(s).escalationPaths();
  const found = findNamed(paths, nameOrId);
  if (found) return found;
  throw invalidArgument(
    `no escalation path is called ${JSON.stringify(nameOrId.trim())}`,
    oneOf(
      "escalation paths",
      paths.map((path) => path.name),
    ),
  );
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
