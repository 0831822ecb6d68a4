import { parseAlertmanager } from "./alertmanager.js";
import type { AlertFormat } from "./detect.js";
import { parseGeneric } from "./generic.js";
import { parseGrafana } from "./grafana.js";
import type { ParseResult } from "./result.js";

export type { AlertEvent, AlertState, AlertStatus, NotificationInfo } from "../event.js";
export { parseAlertmanager } from "./alertmanager.js";
export { type AlertFormat, detectFormat } from "./detect.js";
export { parseGeneric } from "./generic.js";
export { parseGrafana } from "./grafana.js";
export type { FieldError, ParseResult } from "./result.js";

/** Parses a body in the given format into alert events, or the fields that are wrong. Never throws. */
export function parseAlerts(format: AlertFormat, source: string, body: unknown): ParseResult {
  switch (format) {
    case "generic":
      return parseGeneric(source, body);
    case "alertmanager":
      return parseAlertmanager(source, body);
    case "grafana":
      return parseGrafana(source, body);
  }
}
