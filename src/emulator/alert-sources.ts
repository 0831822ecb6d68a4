import { randomBytes } from "node:crypto";
import { newId } from "../shared/ids.js";
import { validationError } from "./errors.js";
import type { AlertSourceRecord } from "./model.js";
import type { EmulatorState } from "./state.js";

/** A secret for an alert source: random even in seeded organisations, like API key tokens, since it is one. */
export function newAlertSourceSecret(): string {
  return randomBytes(24).toString("base64url");
}

/** An HTTP alert source as incident.io creates one: it accepts events at once, with its own secret. */
export function alertSourceRecord(name: string, now: number, id = newId(now)): AlertSourceRecord {
  const at = new Date(now).toISOString();
  return {
    id,
    name,
    source_type: "http",
    secret_token: newAlertSourceSecret(),
    created_at: at,
    updated_at: at,
  };
}

/** Adds an HTTP alert source (for tests and the control routes); names are unique, as incident.io's are. */
export function createAlertSource(state: EmulatorState, now: number, name: string): AlertSourceRecord {
  const trimmed = name.trim();
  if (trimmed === "") throw validationError("name", "name must not be empty.", "is_required");
  for (const source of state.values("alert_sources")) {
    if (source.name === trimmed) {
      throw validationError(
        "name",
        `An alert source named "${trimmed}" already exists; choose another name.`,
      );
    }
  }
  const source = alertSourceRecord(trimmed, now);
  state.commit([{ collection: "alert_sources", id: source.id, record: source }]);
  return { ...source };
}

/**
 * `AlertSourceV2`. The emulator evaluates no templates (an alert's title and description are the event's), so the
 * template is the minimal one the schema requires. `alert_events_url` points at the server that was asked.
 */
export function renderAlertSource(source: AlertSourceRecord, origin: string) {
  return {
    id: source.id,
    name: source.name,
    source_type: source.source_type,
    secret_token: source.secret_token,
    alert_events_url: `${origin}/v2/alert_events/http/${source.id}`,
    template: {
      title: { label: "Alert title" },
      description: { label: "Alert description" },
      attributes: [],
      expressions: [],
      is_private: false,
    },
  };
}
