import { z } from "zod";
import { PaginationMeta } from "./common.js";
import { openEnum } from "./open-enum.js";

/** Whether an alert is still going on. */
export const AlertStatus = openEnum(["firing", "resolved"]);
export type AlertStatus = z.infer<typeof AlertStatus>;

/**
 * `AlertEventsCreateHTTPPayloadV2`: one event for an HTTP alert source. Events with the same `deduplication_key`
 * land on one alert of that source: `firing` creates or updates it, `resolved` resolves it. incident.io requires
 * the key on HTTP sources created today; only older sources accept events without one.
 */
export interface AlertEventPayload {
  title: string;
  status: "firing" | "resolved";
  deduplication_key?: string;
  /** Markdown. */
  description?: string;
  /** A link to the alert in the system that raised it. */
  source_url?: string;
  /** Anything else; the alert source's configuration decides which of it becomes the alert's attributes. */
  metadata?: Record<string, unknown>;
}

/** `AlertEventsCreateHTTPResultV2`: the event was accepted (202) and is processed asynchronously. */
export const AlertEventResult = z.looseObject({
  /** The key the event was processed with. */
  deduplication_key: z.string(),
  message: z.string(),
  /** "success" when accepted. */
  status: z.string(),
});
export type AlertEventResult = z.infer<typeof AlertEventResult>;

/** `AlertAttributeValueV2`: a literal, or a catalog entry with its name as `label`. */
const AlertAttributeValue = z.looseObject({
  label: z.string().optional(),
  literal: z.string().optional(),
  catalog_entry: z.looseObject({ id: z.string(), catalog_type_id: z.string(), name: z.string() }).optional(),
});

/** `AlertAttributeEntryV2`: one attribute an alert source parsed out of an event; `value` or `array_value`. */
export const AlertAttributeEntry = z.looseObject({
  attribute: z.looseObject({
    id: z.string(),
    name: z.string(),
    /** An engine type, e.g. `String` or `CatalogEntry["01…"]`. */
    type: z.string(),
    array: z.boolean(),
    required: z.boolean(),
    emoji: z.string().optional(),
  }),
  value: AlertAttributeValue.optional(),
  array_value: z.array(AlertAttributeValue).optional(),
});
export type AlertAttributeEntry = z.infer<typeof AlertAttributeEntry>;

/** `AlertV2`: what incident.io made of the events with one deduplication key on one source. */
export const Alert = z.looseObject({
  id: z.string(),
  alert_source_id: z.string(),
  deduplication_key: z.string(),
  status: AlertStatus,
  title: z.string(),
  description: z.string().optional(),
  source_url: z.string().optional(),
  attributes: z.array(AlertAttributeEntry),
  /** Empty when the alert is in no group. */
  alert_group_ids: z.array(z.string()).optional(),
  created_at: z.string(),
  updated_at: z.string(),
  resolved_at: z.string().optional(),
});
export type Alert = z.infer<typeof Alert>;

/** Where alerts come from (a few of many); incident.io adds source types without notice. */
export const AlertSourceType = openEnum([
  "alertmanager",
  "grafana",
  "http",
  "http_custom",
  "heartbeat",
  "email",
  "datadog",
  "pager_duty",
]);
export type AlertSourceType = z.infer<typeof AlertSourceType>;

/** `EngineParamBindingValueV2`: a template value, literal or a reference, with a readable label. */
const TemplateValue = z.looseObject({
  label: z.string(),
  literal: z.string().optional(),
  reference: z.string().optional(),
});

/**
 * `AlertSourceV2`. Only what a sender needs is typed closely: the template that turns events into alerts is kept
 * as incident.io sends it.
 */
export const AlertSource = z.looseObject({
  id: z.string(),
  name: z.string(),
  source_type: AlertSourceType,
  /** Where this source takes events over HTTP (`POST`); absent for email and integration sources. */
  alert_events_url: z.string().optional(),
  /** The secret alert events must carry (as Bearer authorization or `?token=`), where the source takes one. */
  secret_token: z.string().optional(),
  template: z.looseObject({
    title: TemplateValue,
    description: TemplateValue,
    is_private: z.boolean(),
    attributes: z.array(z.looseObject({ alert_attribute_id: z.string() })),
    expressions: z.array(z.looseObject({})),
  }),
  owning_team_ids: z.array(z.string()).optional(),
});
export type AlertSource = z.infer<typeof AlertSource>;

/** The envelopes of the alert operations. */
export const AlertResult = z.looseObject({ alert: Alert });
export const AlertsListResult = z.looseObject({ alerts: z.array(Alert), pagination_meta: PaginationMeta });
export const AlertSourceResult = z.looseObject({ alert_source: AlertSource });
export const AlertSourcesListResult = z.looseObject({ alert_sources: z.array(AlertSource) });
