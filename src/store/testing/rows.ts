import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Insertable } from "kysely";
import { newId } from "../../shared/ids.js";
import type { AlertGroupsTable, AlertsTable, OutboxTable } from "../schema.js";

/** A fresh temporary directory and a function that removes it. */
export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-store-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function alertRow(overrides: Partial<Insertable<AlertsTable>> = {}): Insertable<AlertsTable> {
  return {
    id: newId(),
    source: "prometheus",
    dedup_key: "disk-full",
    group_key: "prometheus:disk-full",
    status: "firing",
    title: "Disk almost full on db-1",
    labels: JSON.stringify({ env: "production" }),
    payload: JSON.stringify({ alerts: [] }),
    received_at: "2026-01-02T03:04:05.000Z",
    ...overrides,
  };
}

export function groupRow(
  overrides: Partial<Insertable<AlertGroupsTable>> = {},
): Insertable<AlertGroupsTable> {
  return {
    group_key: "prometheus:disk-full",
    source: "prometheus",
    dedup_key: "disk-full",
    state: "open",
    ...overrides,
  };
}

export function outboxRow(
  overrides: Partial<Insertable<OutboxTable>> & Pick<Insertable<OutboxTable>, "alert_id">,
): Insertable<OutboxTable> {
  return {
    id: newId(),
    group_key: "prometheus:disk-full",
    kind: "declare",
    body: JSON.stringify({ name: "Disk almost full on db-1" }),
    idempotency_key: "prometheus:disk-full:1",
    state: "pending",
    next_attempt_at: "2026-01-02T03:04:05.000Z",
    created_at: "2026-01-02T03:04:05.000Z",
    ...overrides,
  };
}
