import { describe, expect, it } from "vitest";
import type { Incident } from "../api/index.js";
import { flattenIncident } from "./flatten.js";
import { incidentJson } from "./testing.js";

const field = (id: string, name: string, field_type: string) => ({
  id,
  name,
  description: "",
  field_type,
  options: [],
});

const status = (category: string, name = category) => ({
  id: `st-${category}`,
  name,
  description: "",
  rank: 1,
  category,
  created_at: "2024-05-01T10:00:00Z",
  updated_at: "2024-05-01T10:00:00Z",
});

const timestamp = (name: string, value?: string) => ({
  incident_timestamp: { id: `ts-${name}`, name, rank: 1 },
  ...(value ? { value: { value } } : {}),
});

const flat = (overrides: Partial<Incident>) => flattenIncident(incidentJson(overrides), { account: "prod" });

describe("flattening an incident", () => {
  it("keeps the facts readers filter on, times normalised to milliseconds UTC", () => {
    const incident = flattenIncident(
      incidentJson({
        incident_type: {
          id: "type-1",
          name: "Production outage",
          description: "",
          is_default: true,
          private_incidents_only: false,
          create_in_triage: "optional",
          created_at: "2024-01-01T00:00:00Z",
          updated_at: "2024-01-01T00:00:00Z",
        },
        created_at: "2024-05-01T12:00:00.123456+02:00",
        updated_at: "2024-05-01T10:30:00.8Z",
      }),
      { account: "prod", severityRanks: new Map([["sev-minor", 7]]) },
    );
    expect(incident).toEqual({
      id: "01HZZZZZZZZZZZZZZZZZZZZZZ1",
      account: "prod",
      reference: "INC-1",
      name: "Checkout down",
      summary: "Payments fail",
      severity: { id: "sev-minor", name: "Minor", rank: 7 },
      status: { id: "st-live", name: "Investigating", category: "live" },
      type: { id: "type-1", name: "Production outage" },
      mode: "standard",
      visibility: "public",
      createdAt: "2024-05-01T10:00:00.123Z",
      updatedAt: "2024-05-01T10:30:00.800Z",
      resolvedAt: null,
      permalink: "https://app.incident.io/acme/incidents/1",
      customFields: [],
    });
  });

  it("keeps the embedded rank of a severity the organisation no longer lists, and null without a severity", () => {
    const other = flattenIncident(incidentJson(), { account: "prod", severityRanks: new Map([["x", 9]]) });
    expect(other.severity).toEqual({ id: "sev-minor", name: "Minor", rank: 1 });
    const { severity: _s, summary: _m, incident_type: _t, permalink: _p, ...bare } = incidentJson();
    expect(flattenIncident(bare, { account: "prod" })).toMatchObject({
      severity: null,
      summary: null,
      type: null,
      permalink: null,
    });
  });

  it("reads every kind of custom field value", () => {
    const incident = flat({
      custom_field_entries: [
        {
          custom_field: field("f-team", "Affected team", "single_select"),
          values: [
            { value_option: { id: "opt-pay", custom_field_id: "f-team", value: "Payments", sort_key: 10 } },
          ],
        },
        {
          custom_field: field("f-products", "Products", "multi_select"),
          values: [
            { value_option: { id: "opt-web", custom_field_id: "f-products", value: "Web", sort_key: 10 } },
            { value_option: { id: "opt-app", custom_field_id: "f-products", value: "App", sort_key: 20 } },
          ],
        },
        {
          custom_field: field("f-svc", "Affected services", "multi_select"),
          values: [
            {
              value_catalog_entry: {
                id: "ce-1",
                name: "Checkout API",
                external_id: "checkout-api",
                aliases: ["checkout", "co-api"],
              },
            },
            { value_catalog_entry: { id: "ce-2", name: "Search" } },
          ],
        },
        { custom_field: field("f-notes", "Notes", "text"), values: [{ value_text: "deploy 42" }] },
        { custom_field: field("f-runbook", "Runbook", "link"), values: [{ value_link: "https://rb/1" }] },
        { custom_field: field("f-cost", "Cost", "numeric"), values: [{ value_numeric: "123.456" }] },
        { custom_field: field("f-empty", "Empty", "text"), values: [] },
      ],
    });
    expect(incident.customFields).toEqual([
      { fieldId: "f-team", fieldName: "Affected team", values: [{ label: "Payments", id: "opt-pay" }] },
      {
        fieldId: "f-products",
        fieldName: "Products",
        values: [
          { label: "Web", id: "opt-web" },
          { label: "App", id: "opt-app" },
        ],
      },
      {
        fieldId: "f-svc",
        fieldName: "Affected services",
        values: [
          { label: "Checkout API", id: "ce-1", externalId: "checkout-api", aliases: ["checkout", "co-api"] },
          { label: "Search", id: "ce-2" },
        ],
      },
      { fieldId: "f-notes", fieldName: "Notes", values: [{ label: "deploy 42" }] },
      { fieldId: "f-runbook", fieldName: "Runbook", values: [{ label: "https://rb/1" }] },
      { fieldId: "f-cost", fieldName: "Cost", values: [{ label: "123.456" }] },
    ]);
  });
});

describe("when an incident was resolved", () => {
  const resolved = "2024-05-01T11:00:00.5Z";
  const closed = "2024-05-02T09:00:00Z";
  const updated = "2024-05-03T08:00:00Z";

  it("is the Resolved at timestamp of a post-incident or closed incident", () => {
    const values = [timestamp("Impact started", "2024-05-01T09:00:00Z"), timestamp("Resolved at", resolved)];
    for (const category of ["learning", "closed"]) {
      const incident = flat({
        incident_status: status(category),
        incident_timestamp_values: [...values, timestamp("Closed at", closed)],
        updated_at: updated,
      });
      expect(incident.resolvedAt).toBe("2024-05-01T11:00:00.500Z");
    }
  });

  it("falls back to Closed at (names matched ignoring case), then to updated_at", () => {
    const noResolved = flat({
      incident_status: status("closed"),
      incident_timestamp_values: [timestamp("Resolved at"), timestamp("closed AT", closed)],
      updated_at: updated,
    });
    expect(noResolved.resolvedAt).toBe("2024-05-02T09:00:00.000Z");
    const none = flat({
      incident_status: status("learning"),
      incident_timestamp_values: [],
      updated_at: updated,
    });
    expect(none.resolvedAt).toBe("2024-05-03T08:00:00.000Z");
    const { incident_timestamp_values: _v, ...withoutTimestamps } = incidentJson({
      incident_status: status("closed"),
      updated_at: updated,
    });
    expect(flattenIncident(withoutTimestamps, { account: "prod" }).resolvedAt).toBe(
      "2024-05-03T08:00:00.000Z",
    );
  });

  it("is null for incidents that are open, paused, in triage, declined, merged or canceled", () => {
    for (const category of ["live", "paused", "triage", "declined", "merged", "canceled", "someday"]) {
      const incident = flat({
        incident_status: status(category),
        incident_timestamp_values: [timestamp("Resolved at", resolved)],
      });
      expect(incident.resolvedAt, category).toBeNull();
    }
  });
});
