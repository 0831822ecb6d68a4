export { type CountRow, type CountsOptions, type CountsReport, incidentCounts } from "./counts.js";
export { MttrAccumulator, type MttrFigures } from "./figures.js";
export { type AnalysedIncident, countsAsIncident, NO_SEVERITY } from "./incidents.js";
export {
  MTTR_DIMENSIONS,
  type MttrDimension,
  type MttrOptions,
  type MttrReport,
  type MttrRow,
  mttrOf,
  mttrReport,
} from "./mttr.js";
export { PERIOD_UNITS, type Period, type PeriodUnit, periodKey, periodStart, periodsOf } from "./periods.js";
export {
  defaultPriorities,
  type PriorityEntry,
  type PriorityMapping,
  parsePriorityConfig,
  priorityOf,
  type RankedSeverity,
} from "./priority.js";
export type { AnalysedEntity, ServiceView } from "./services.js";
export { humanDuration, median, nearestRank, type TimeToResolve, timeToResolve } from "./statistics.js";
export {
  AnalyticsInputError,
  inWindow,
  parseInstant,
  type TimeWindow,
  type WindowInput,
  windowJson,
  windowOf,
} from "./window.js";
