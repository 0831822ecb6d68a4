import type { AlertRecord } from "./model.js";

/**
 * `AlertV2`. `attributes` are what a source's template parses out of each event; the emulator's sources parse
 * none, and it keeps no alert groups, so both lists are empty. `metadata` is not part of the answer.
 */
export function renderAlert(alert: AlertRecord) {
  return {
    id: alert.id,
    alert_source_id: alert.alert_source_id,
    deduplication_key: alert.deduplication_key,
    status: alert.status,
    title: alert.title,
    ...(alert.description !== undefined ? { description: alert.description } : {}),
    ...(alert.source_url !== undefined ? { source_url: alert.source_url } : {}),
    attributes: [],
    alert_group_ids: [],
    created_at: alert.created_at,
    updated_at: alert.updated_at,
    ...(alert.resolved_at !== undefined ? { resolved_at: alert.resolved_at } : {}),
  };
}
