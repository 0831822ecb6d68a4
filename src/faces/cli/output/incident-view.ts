import type { CustomFieldValue, Incident, IncidentUpdate } from "../../../api/index.js";
import type { IncidentContext } from "../../../ops/index.js";
import { relativeTime } from "../../../shared/relative-time.js";
import type { Palette } from "./colour.js";
import type { Output } from "./output.js";

/** Live incidents stand out; finished ones recede. */
export function categoryColour(category: string, colour: Palette): (text: string) => string {
  switch (category) {
    case "live":
      return colour.red;
    case "triage":
    case "paused":
      return colour.yellow;
    case "learning":
      return colour.cyan;
    case "closed":
      return colour.green;
    default:
      return colour.dim;
  }
}

function statusText(incident: Incident, out: Output): string {
  const status = incident.incident_status;
  return categoryColour(status.category, out.colour)(status.name);
}

/** One line per incident: reference, severity and status by name, name, age. */
export function incidentTable(incidents: readonly Incident[], out: Output): string {
  return out.table(
    ["REF", "SEVERITY", "STATUS", "NAME", "CREATED"],
    incidents.map((incident) => [
      incident.reference,
      incident.severity?.name ?? "",
      statusText(incident, out),
      incident.name,
      relativeTime(incident.created_at, out.now()),
    ]),
    { header: out.colour.bold },
  );
}

/** What a custom field value says, whatever its kind. */
export function displayValue(value: CustomFieldValue): string {
  return (
    value.value_option?.value ??
    value.value_catalog_entry?.name ??
    value.value_text ??
    value.value_link ??
    value.value_numeric ??
    ""
  );
}

function when(iso: string, out: Output): string {
  return `${relativeTime(iso, out.now())} (${iso})`;
}

function fields(pairs: [string, string | undefined][]): string[] {
  const present = pairs.filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== "");
  const width = Math.max(...present.map(([label]) => label.length)) + 2;
  return present.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`);
}

function indented(text: string): string[] {
  return text.split("\n").map((line) => (line === "" ? "" : `  ${line}`));
}

/** `incidents show`: the headline facts, custom fields, the summary and the link. */
export function incidentDetails(incident: Incident, out: Output): string {
  const { bold } = out.colour;
  const custom = incident.custom_field_entries
    .map((entry) => [entry.custom_field.name, entry.values.map(displayValue).join(", ")] as [string, string])
    .filter(([, value]) => value !== "");
  const lines = [
    `${bold(incident.reference)}  ${bold(incident.name)}`,
    ...fields([
      ["Status", `${statusText(incident, out)} (${incident.incident_status.category})`],
      ["Severity", incident.severity?.name ?? "none"],
      ["Type", incident.incident_type?.name],
      ["Mode", `${incident.mode}, ${incident.visibility}`],
      ["Created", when(incident.created_at, out)],
      ["Updated", when(incident.updated_at, out)],
      ...custom,
      ["Link", incident.permalink],
    ]),
  ];
  if (incident.summary) lines.push("", bold("Summary"), ...indented(incident.summary));
  return lines.join("\n");
}

/** Updates in the order given: when, status and severity after it, who, the message. */
export function updatesTable(updates: readonly IncidentUpdate[], out: Output): string {
  return out.table(
    ["WHEN", "STATUS", "SEVERITY", "BY", "MESSAGE"],
    updates.map((update) => [
      relativeTime(update.created_at, out.now()),
      categoryColour(update.new_incident_status.category, out.colour)(update.new_incident_status.name),
      update.new_severity?.name ?? "",
      actorName(update.updater),
      update.message ?? "",
    ]),
    { header: out.colour.bold },
  );
}

function actorName(actor: IncidentUpdate["updater"]): string {
  return actor.user?.name ?? actor.api_key?.name ?? actor.workflow?.name ?? actor.alert?.title ?? "";
}

/** `incidents context`: the details, then roles, timestamps and every update. */
export function contextText(context: IncidentContext, out: Output): string {
  const { bold } = out.colour;
  const lines = [incidentDetails(context.incident, out)];
  const roles = context.roles.filter((role) => role.assignee);
  if (roles.length > 0) {
    lines.push(
      "",
      bold("Roles"),
      ...fields(roles.map((role) => [role.role, role.assignee])).map((l) => `  ${l}`),
    );
  }
  const timestamps = context.timestamps.filter((timestamp) => timestamp.value);
  if (timestamps.length > 0) {
    lines.push(
      "",
      bold("Timestamps"),
      ...fields(timestamps.map((t) => [t.name, t.value && when(t.value, out)])).map((l) => `  ${l}`),
    );
  }
  lines.push("", bold(`Updates (${context.updates.length})`));
  if (context.updates.length > 0) lines.push(updatesTable(context.updates, out));
  lines.push(...extrasText(context, out));
  return lines.join("\n");
}

/** Attachments, related incidents and the post-mortem, each only when there is something to show. */
function extrasText(context: IncidentContext, out: Output): string[] {
  const { bold } = out.colour;
  const lines: string[] = [];
  if (context.attachmentCount > 0) {
    const more = context.attachmentCount - context.attachments.length;
    lines.push(
      "",
      bold(`Attachments (${context.attachmentCount})`),
      ...context.attachments.map((a) => `  ${a.resource.title}  ${a.resource.permalink}`),
      ...(more > 0
        ? [`  … and ${more} more (incidentkit incidents attachments ${context.incident.reference})`]
        : []),
    );
  }
  if (context.related.length > 0) {
    lines.push(
      "",
      bold("Related incidents"),
      ...context.related.map((r) => `  ${r.reference}  ${r.name}`),
      ...(context.relatedMore
        ? [`  … and more (incidentkit incidents related ${context.incident.reference})`]
        : []),
    );
  }
  if (context.postmortem) {
    const { title, status, url } = context.postmortem;
    lines.push("", bold("Post-mortem"), `  ${title} [${status.replaceAll("_", " ")}]  ${url}`);
  }
  if (context.unavailable.length > 0) {
    lines.push("", `Not readable with this key: ${context.unavailable.join(", ")}.`);
  }
  return lines;
}
