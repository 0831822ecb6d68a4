/**
 * The analytics worker thread's entry (see `AnalyticsThread`): keeps the latest analytics data it was given and
 * answers each query from it, in the order they came.
 */
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { type AnalyticsData, analyticsModel } from "./analytics-page.js";
import type { AnalyticsThreadAnswer, AnalyticsThreadMessage } from "./analytics-thread-messages.js";

let data: AnalyticsData | undefined;

// Below the event loop that accepts alerts: on a machine with few cores, a burst of analytics waits for the CPU
// rather than taking it from intake. Linux keeps a nice value per thread, so this lowers this thread alone; other
// systems keep one per process, and the hub's own priority is not this thread's to lower.
if (process.platform === "linux") {
  try {
    setPriority(10);
  } catch {
    // Not allowed (a sandbox): the thread keeps the hub's priority.
  }
}

parentPort?.on("message", (message: AnalyticsThreadMessage) => {
  if (message.kind === "data") {
    data = message.data;
    return;
  }
  let answer: AnalyticsThreadAnswer;
  try {
    if (!data) throw new Error("the analytics thread was asked before it was given any data");
    answer = { id: message.id, model: analyticsModel(message.input, data) };
  } catch (error) {
    answer = { id: message.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
