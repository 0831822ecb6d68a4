/**
 * The web UI's clients for bench/ui-load.ts, in a process of their own, as browsers are not where alert senders
 * are: a load generator reading hundreds of pages a second on the event loop that also times the alerts would count
 * its own delays as the hub's. Started by `startUiClients`; prints "started", then its figures as one JSON line.
 *
 *   tsx bench/ui-clients.ts <hub url> <browsers|plain> <same|different> <clients> <seconds>
 *
 * with the session cookie in `UI_CLIENTS_COOKIE` (not on the command line, where `ps` shows it).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { answered, Browser } from "./browser.js";
import { httpRequest, type LoadResult, runLoad } from "./load.js";
import { isMain } from "./main.js";

export interface UiClientsOptions {
  url: string;
  /** The session cookie each request carries. */
  cookie: string;
  /** Browsers (compression, revalidation) or plain HTTP clients. */
  kind: "browsers" | "plain";
  /** All `/analytics` over the same 10 years, or each request a different window. */
  windows: "same" | "different";
  clients: number;
  seconds: number;
}

export interface UiClientsResult extends LoadResult {
  /** Answers 304. */
  notModified: number;
}

function query(windows: UiClientsOptions["windows"], i: number): string {
  return windows === "same" ? "since=3650d&by=service" : `since=${365 + (i % 3000)}d&by=service`;
}

async function run(options: UiClientsOptions): Promise<UiClientsResult> {
  const browsers = Array.from({ length: options.clients }, () => new Browser({ cookie: options.cookie }));
  const ask = (i: number) => {
    const target = `${options.url}/analytics?${query(options.windows, i)}`;
    if (options.kind === "browsers") return (browsers[i % options.clients] as Browser).get(target);
    return httpRequest(target, { method: "GET", headers: { cookie: options.cookie } });
  };
  const result = await runLoad((i) => ask(i).then((status) => status === 200 || status === 304), {
    concurrency: options.clients,
    durationMs: options.seconds * 1000,
  });
  return { ...result, notModified: answered(browsers, 304) };
}

/** Starts the clients in their own process; resolves once they have begun, with their figures to come. */
export async function startUiClients(
  options: UiClientsOptions,
): Promise<{ result: Promise<UiClientsResult> }> {
  const args = [options.url, options.kind, options.windows, String(options.clients), String(options.seconds)];
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", new URL(import.meta.url).pathname, ...args],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, UI_CLIENTS_COOKIE: options.cookie } },
  );
  if (!child.stdout) throw new Error("the UI clients' process has no stdout");
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`the UI clients' process exited with ${code}`))),
  );
  exited.catch(() => {});
  const next = async () => {
    const line = await Promise.race([lines.next(), exited]);
    if (line.done) throw new Error("the UI clients' process ended without its figures");
    return line.value;
  };
  if ((await next()) !== "started") throw new Error("the UI clients' process did not start");
  return { result: next().then((line) => JSON.parse(line) as UiClientsResult) };
}

if (isMain(import.meta.url)) {
  const [url, kind, windows, clients, seconds] = process.argv.slice(2);
  console.log("started");
  const result = await run({
    url: url as string,
    cookie: process.env.UI_CLIENTS_COOKIE ?? "",
    kind: kind === "plain" ? "plain" : "browsers",
    windows: windows === "different" ? "different" : "same",
    clients: Number(clients),
    seconds: Number(seconds),
  });
  console.log(JSON.stringify(result));
}
