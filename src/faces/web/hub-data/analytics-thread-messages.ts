import type { AnalyticsPageModel } from "../investigation-model.js";
import type { AnalyticsData, AnalyticsInput } from "./analytics-page.js";

/** To the analytics thread: a snapshot's data (the queries after it are answered from it), or a query. */
export type AnalyticsThreadMessage =
  | { kind: "data"; data: AnalyticsData }
  | { kind: "query"; id: number; input: AnalyticsInput };

/** From the analytics thread: a query's model, or why there is none. */
export type AnalyticsThreadAnswer = { id: number; model: AnalyticsPageModel } | { id: number; error: string };
