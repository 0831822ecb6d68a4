/**
 * An API timestamp as the mirror stores it: UTC with milliseconds (`2024-05-01T09:30:00.123Z`), so that text order
 * is time order. incident.io writes microseconds ("…57.801578Z") and other writers fewer digits, and "…57.8Z" sorts
 * after "…57.801578Z" as text although it is earlier. Text that is no date is kept as it is.
 */
export function normaliseTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
