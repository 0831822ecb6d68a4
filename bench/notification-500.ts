/**
 * A 500-alert Alertmanager notification (alertmanager-notification.ts) posted to `incidentkit up` in its own
 * process, with the demo's rules: the time to its 202, posted one at a time as Alertmanager sends a group's
 * notifications. Two cases: each notification new (its own group, 500 alerts never seen), and the same notification
 * sent again, as Alertmanager re-sends a firing group every `repeat_interval`.
 */

import { DEFAULT_MAX_BODY_BYTES } from "../src/hub/config.js";
import { DEMO_RULES_YAML } from "../src/hub/demo.js";
import { alertmanagerNotification } from "./alertmanager-notification.js";
import { BENCH_HUB_TOKEN, startBenchHubs } from "./hub-process.js";
import { httpRequest, median, percentile } from "./load.js";
import { isMain } from "./main.js";

const SIZE = 500;
const POSTS = 20;
const WARM_UP_SIZE = 50;
/** Each case stops after this long (once it has `MIN_POSTS`), so a slow hub keeps the bench short. */
const BUDGET_MS = 10_000;
const MIN_POSTS = 3;
const TARGET_MS = 100;

export interface NotificationCase {
  posts: number;
  p50Ms: number;
  maxMs: number;
  errors: number;
  /** Set when the time budget ended the case before `POSTS`. */
  cut: boolean;
}

export interface Notification500 {
  alerts: number;
  bodyBytes: number;
  fresh: NotificationCase;
  resent: NotificationCase;
}

async function postEach(
  url: string,
  count: number,
  bodies: (post: number) => string,
): Promise<NotificationCase> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  for (let post = 0; post < count; post++) {
    if (post >= MIN_POSTS && performance.now() - started > BUDGET_MS) break;
    const body = bodies(post);
    const t0 = performance.now();
    const status = await httpRequest(`${url}/alerts/alertmanager`, {
      method: "POST",
      headers: { authorization: `Bearer ${BENCH_HUB_TOKEN}`, "content-type": "application/json" },
      body,
    }).catch(() => 0);
    latencies.push(performance.now() - t0);
    if (status !== 202) errors++;
  }
  return {
    posts: latencies.length,
    p50Ms: median(latencies),
    maxMs: percentile(latencies, 1),
    errors,
    cut: latencies.length < count,
  };
}

export async function benchNotification500(): Promise<Notification500> {
  // Groups 1… are the new notifications; group 1 is then sent again. A smaller group 0 warms the hub up.
  const bodies = Array.from({ length: POSTS + 1 }, (_, group) =>
    JSON.stringify(alertmanagerNotification(group, group === 0 ? WARM_UP_SIZE : SIZE)),
  );
  const bodyBytes = Buffer.byteLength(bodies[1] ?? "");
  if (bodyBytes > DEFAULT_MAX_BODY_BYTES)
    throw new Error(`a ${SIZE}-alert notification is ${bodyBytes} bytes, over the hub's limit`);
  const hubs = await startBenchHubs({ rules: DEMO_RULES_YAML, sources: { alertmanager: "alertmanager" } });
  try {
    const url = hubs.urls[0] as string;
    await postEach(url, 1, () => bodies[0] as string);
    const fresh = await postEach(url, POSTS, (post) => bodies[post + 1] as string);
    const resent = await postEach(url, POSTS, () => bodies[1] as string);
    return { alerts: SIZE, bodyBytes, fresh, resent };
  } finally {
    await hubs.stop();
  }
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

export function printNotification500(result: Notification500): void {
  console.log(
    `\nA ${result.alerts}-alert Alertmanager notification (${fmt(result.bodyBytes / 1024)} KiB, kubernetes-mixin's KubePodCrashLooping over one namespace's pods): incidentkit up in its own process with the demo's rules, posted one at a time; time to the 202`,
  );
  console.log("notification               posts   p50 ms   max ms   target p50   errors");
  for (const [name, row] of [
    ["new each time", result.fresh],
    ["the same, re-sent", result.resent],
  ] as const) {
    console.log(
      `${name.padEnd(24)} ${String(row.posts).padStart(7)} ${fmt(row.p50Ms, 1).padStart(8)} ${fmt(row.maxMs, 1).padStart(8)} ${`≤${TARGET_MS}`.padStart(12)} ${String(row.errors).padStart(8)}`,
    );
    if (row.cut)
      console.log(`  (${row.posts} of ${POSTS} posts: the case stops after ${BUDGET_MS / 1000} s)`);
  }
}

if (isMain(import.meta.url)) printNotification500(await benchNotification500());
