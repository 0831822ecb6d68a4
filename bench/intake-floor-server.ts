/**
 * The intake floor's server, run in its own process by intake-floor.ts. `POST /alerts/<source>` reads the body,
 * parses it, and commits each alert to SQLite with the hub's durability — WAL, the hub's default `synchronous`,
 * group commit — and answers 202 only once the commit returned. No framework, validation, rules or outbox: the
 * fastest a durable intake can go on this machine, the floor the hub's intake is measured against.
 *
 * argv: <database file>. Prints one JSON line `{"url": …}` when ready.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import BetterSqlite3 from "better-sqlite3";
import { monotonicFactory } from "ulid";
import type { Synchronous } from "../src/store/sqlite.js";

/** The hub's default (store/open.ts): in WAL mode a commit is in the operating system's hands when it returns. */
const SYNCHRONOUS: Synchronous = "NORMAL";
/** As the hub's intake: larger bodies are refused. */
const MAX_BODY_BYTES = 1024 * 1024;
/** As the hub's group commit: bounds the wait of the first request in a burst. */
const MAX_BATCH = 256;

const file = process.argv[2];
if (!file) throw new Error("usage: intake-floor-server.ts <database file>");

const db = new BetterSqlite3(file);
db.exec("PRAGMA journal_mode = WAL");
db.exec(`PRAGMA synchronous = ${SYNCHRONOUS}`);
db.exec(`create table if not exists alerts (
  id text primary key,
  source text not null,
  dedup_key text not null,
  status text not null,
  title text not null,
  labels text not null,
  received_at text not null,
  payload text not null
)`);
// Prepared once, as the hub's statement cache does: no statement is parsed twice.
const insert = db.prepare(
  "insert into alerts (id, source, dedup_key, status, title, labels, received_at, payload) values (?, ?, ?, ?, ?, ?, ?, ?)",
);
const begin = db.prepare("begin");
const commit = db.prepare("commit");
const rollback = db.prepare("rollback");

const nextId = monotonicFactory();

interface Row {
  source: string;
  dedupKey: string;
  status: string;
  title: string;
  labels: string;
  payload: string;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(...candidates: unknown[]): string {
  const found = candidates.find((value) => typeof value === "string");
  return typeof found === "string" ? found : "";
}

/**
 * The alerts of a body: each entry of `alerts[]` (Alertmanager and Grafana notifications) with its own JSON, else
 * the body itself (one generic alert) with the text as received. Read, not checked: the floor trusts its input.
 */
function rowsOf(source: string, body: unknown, raw: string): Row[] {
  const outer = record(body);
  if (Array.isArray(outer.alerts)) {
    return outer.alerts.map((entry: unknown) => {
      const alert = record(entry);
      const labels = record(alert.labels);
      const annotations = record(alert.annotations);
      return {
        source,
        dedupKey: text(alert.fingerprint, JSON.stringify(labels)),
        status: text(alert.status),
        title: text(annotations.summary, labels.alertname),
        labels: JSON.stringify(labels),
        payload: JSON.stringify(entry),
      };
    });
  }
  return [
    {
      source,
      dedupKey: text(outer.dedup_key),
      status: text(outer.status),
      title: text(outer.title),
      labels: JSON.stringify(record(outer.labels)),
      payload: raw,
    },
  ];
}

interface Waiting {
  rows: Row[];
  res: ServerResponse;
}

let queue: Waiting[] = [];
let scheduled = false;

/**
 * Group commit, as the hub's: the requests that arrived while the previous commit ran are committed together in
 * the next one. A commit holds the event loop, so those are exactly the ones read in the loop turn after it.
 */
function flush(): void {
  scheduled = false;
  while (queue.length > 0) {
    const batch = queue.slice(0, MAX_BATCH);
    queue = queue.slice(batch.length);
    const at = new Date().toISOString();
    try {
      begin.run();
      for (const { rows } of batch) {
        for (const row of rows)
          insert.run(nextId(), row.source, row.dedupKey, row.status, row.title, row.labels, at, row.payload);
      }
      commit.run();
    } catch (error) {
      if (db.inTransaction) rollback.run();
      for (const { res } of batch) answer(res, 500, { error: String(error) });
      continue;
    }
    for (const { rows, res } of batch) answer(res, 202, { accepted: rows.length });
  }
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks).toString("utf8") : undefined));
    req.on("error", reject);
  });
}

const server = createServer((req, res) => {
  const source = /^\/alerts\/([^/?]+)$/.exec(req.url ?? "")?.[1];
  if (req.method !== "POST" || source === undefined) return answer(res, 404, { error: "not found" });
  readBody(req).then(
    (raw) => {
      if (raw === undefined)
        return answer(res, 413, { error: `the body is larger than ${MAX_BODY_BYTES} bytes` });
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return answer(res, 400, { error: "the body is not valid JSON" });
      }
      queue.push({ rows: rowsOf(source, body, raw), res });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    (error: unknown) => answer(res, 400, { error: String(error) }),
  );
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the floor server has no port");
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}` })}\n`);
});

process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  db.close();
  process.exit(0);
});
