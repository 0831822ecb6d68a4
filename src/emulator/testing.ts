import { randomBytes } from "node:crypto";
import { withoutUndefined } from "../shared/defined.js";
import { newId } from "../shared/ids.js";
import type { Emulator } from "./index.js";
import type { IncidentRecord, Snapshot } from "./model.js";
import { emptySnapshot } from "./seed/index.js";

/**
 * A small, fully known organisation for the emulator's own tests, built on the empty seed: three severities,
 * statuses in every category, types, custom fields of each kind (one catalog-backed), roles, timestamps,
 * users and one API key per role that matters.
 */
export function testSnapshot(now = Date.UTC(2024, 4, 1)): Snapshot {
  const snapshot = emptySnapshot({ now });
  const at = new Date(now).toISOString();
  const id = () => newId(now);
  const severity = (name: string, rank: number) => ({
    id: id(),
    name,
    description: `${name} impact`,
    rank,
    created_at: at,
    updated_at: at,
  });
  snapshot.severities = [severity("Minor", 1), severity("Major", 2), severity("Critical", 3)];
  const learning = {
    id: id(),
    name: "Post-incident",
    description: "Learning",
    rank: 10,
    category: "learning" as const,
    created_at: at,
    updated_at: at,
  };
  const fixing = {
    id: id(),
    name: "Fixing",
    description: "Fixing it",
    rank: 8,
    category: "live" as const,
    created_at: at,
    updated_at: at,
  };
  snapshot.incident_statuses.push(fixing, learning);
  const type = (name: string, extra: Partial<Snapshot["incident_types"][number]>) => ({
    id: id(),
    name,
    description: name,
    is_default: false,
    private_incidents_only: false,
    create_in_triage: "optional" as const,
    created_at: at,
    updated_at: at,
    ...extra,
  });
  snapshot.incident_types = [
    type("Default", { is_default: true }),
    type("Triaged", { create_in_triage: "always" }),
    type("Security", { private_incidents_only: true }),
  ];
  const catalogType = {
    id: id(),
    name: "Service",
    description: "Services",
    type_name: 'Custom["Service"]',
    created_at: at,
    updated_at: at,
  };
  snapshot.catalog_types = [catalogType];
  snapshot.catalog_entries = ["checkout", "payments"].map((name) => ({
    id: id(),
    catalog_type_id: catalogType.id,
    name,
    external_id: `ext-${name}`,
    aliases: [`${name}-alias`],
    created_at: at,
    updated_at: at,
  }));
  const field = (
    name: string,
    field_type: Snapshot["custom_fields"][number]["field_type"],
    catalog_type_id?: string,
  ) => ({
    id: id(),
    name,
    description: name,
    field_type,
    ...(catalog_type_id ? { catalog_type_id } : {}),
    created_at: at,
    updated_at: at,
  });
  const team = field("Affected team", "single_select");
  const products = field("Products", "multi_select");
  snapshot.custom_fields = [
    team,
    products,
    field("Service", "single_select", catalogType.id),
    field("Notes", "text"),
    field("Runbook", "link"),
    field("Cost", "numeric"),
  ];
  snapshot.custom_field_options = [
    ...["Payments", "Platform", "Mobile"].map((value, i) => ({
      id: id(),
      custom_field_id: team.id,
      value,
      sort_key: (i + 1) * 10,
    })),
    ...["Web", "App"].map((value, i) => ({
      id: id(),
      custom_field_id: products.id,
      value,
      sort_key: (i + 1) * 10,
    })),
  ];
  const role = (name: string, role_type: "reporter" | "custom") => ({
    id: id(),
    name,
    description: name,
    instructions: `Be the ${name}`,
    shortform: name.toLowerCase(),
    role_type,
    created_at: at,
    updated_at: at,
  });
  snapshot.incident_roles.push(role("Reporter", "reporter"), role("Comms", "custom"));
  snapshot.incident_timestamps = [
    { id: id(), name: "Impact started", rank: 1 },
    { id: id(), name: "Fixed at", rank: 2 },
  ];
  const user = (name: string, email: string, is_active = true) => ({
    id: id(),
    name,
    email,
    slack_user_id: `U${email.length}${name.length}X`,
    role: "responder" as const,
    is_active,
    base_role: { id: id(), name: "Responder", slug: "responder" },
    seats: { on_call: "none", response: "full_access" as const },
  });
  snapshot.users = [
    user("Ada Lovelace", "ada@example.com"),
    user("Grace Hopper", "grace@example.com"),
    user("Old Timer", "old@example.com", false),
  ];
  const key = (name: string, roles: string[]) => ({
    id: id(),
    name,
    token: `inc_${randomBytes(32).toString("hex")}`,
    roles,
    created_at: at,
  });
  snapshot.api_keys.push(
    key("Viewer", ["viewer"]),
    key("Creator", ["incident_creator"]),
    key("Editor", ["viewer", "incident_editor"]),
    key("Bot", ["viewer", "incident_creator", "incident_editor"]),
  );
  return snapshot;
}

/** Finds a record by name in a test snapshot, failing loudly when the fixture changed. */
export function named<T extends { name: string }>(records: readonly T[], name: string): T {
  const found = records.find((record) => record.name === name);
  if (!found) throw new Error(`test fixture has no "${name}"`);
  return found;
}

/** What a test may change of a stored incident: a property given as undefined leaves it out (no severity…). */
export type IncidentOverrides = { [K in keyof IncidentRecord]?: IncidentRecord[K] | undefined };

/** A stored incident for list tests, defaulting to a live, Minor, standard incident created at `created_at`. */
export function incidentRecord(
  snapshot: Snapshot,
  number: number,
  overrides: IncidentOverrides = {},
): IncidentRecord {
  const created = overrides.created_at ?? new Date(Date.UTC(2024, 0, 1) + number * 3_600_000).toISOString();
  const defaults: IncidentRecord = {
    id: newId(Date.parse(created)),
    number,
    name: `Incident ${number}`,
    incident_status_id: named(snapshot.incident_statuses, "Investigating").id,
    severity_id: named(snapshot.severities, "Minor").id,
    mode: "standard",
    visibility: "public",
    creator: { api_key_id: snapshot.api_keys[0]?.id ?? "" },
    custom_field_entries: [],
    role_assignments: [],
    timestamp_values: [],
    team_ids: [],
    slack_channel_id: `C${number}`,
    created_at: created,
    updated_at: created,
    last_activity_at: created,
  };
  return withoutUndefined({ ...defaults, ...overrides }) as IncidentRecord;
}

export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response JSON
  body: any;
}

/** Calls the emulator in-process as `token` would over HTTP. */
export async function call(
  emulator: Emulator,
  method: string,
  path: string,
  options: { token?: string | undefined; body?: unknown; rawBody?: string | undefined } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  const response = await emulator.app.request(path, { method, headers, body: body ?? null });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** The token of the snapshot's key with exactly these roles. */
export function tokenFor(
  snapshot: Snapshot,
  name: "Admin" | "Viewer" | "Creator" | "Editor" | "Bot",
): string {
  return named(snapshot.api_keys, name).token;
}
