import type { PeriodUnit } from "./periods.js";

/**
 * What time to resolve can be grouped by. In a module of its own, with no code behind it, so the CLI can offer the
 * choices without loading the analytics.
 */
export type MttrDimension = "severity" | "service" | "team" | PeriodUnit;
export const MTTR_DIMENSIONS: readonly MttrDimension[] = ["severity", "service", "team", "month", "week"];
