/**
 * The analytics worker thread's entry (see `AnalyticsThread`): keeps the latest analytics data it was given and
 * answers each query from it, in the order they came.
 */
import { parentPort } from "node:worker_threads";
import { type AnalyticsData, analyticsModel } from "./analytics-page.js";
import type { AnalyticsThreadAnswer, AnalyticsThreadMessage } from "./analytics-thread-messages.js";

let data: AnalyticsData | undefined;

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
