import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "./errors.js";
import {
  exampleCustomField,
  exampleIncident,
  exampleIncidentRole,
  exampleIncidentStatus,
  exampleIncidentUpdate,
  exampleUserWithRoles,
} from "./testing/example-bodies.js";
import { collect, failure, scriptedClient } from "./testing/harness.js";

const { server, client } = await scriptedClient({ maxRetries: 2 });

describe("lenient parsing", () => {
  it("keeps fields the client does not know, at the top and nested", async () => {
    const incident = exampleIncident({
      escalation_state: "acknowledged",
      incident_status: exampleIncidentStatus({ colour: "amber" }),
    });
    server.reply({ body: { incident, experiment: { flag: true } } });
    const shown = await client.incidents.show("INC-123");
    expect(shown).toMatchObject({ escalation_state: "acknowledged", incident_status: { colour: "amber" } });
  });

  it("passes an unknown status category and mode through as strings", async () => {
    const frozen = exampleIncident({
      mode: "drill",
      incident_status: exampleIncidentStatus({ category: "frozen" }),
    });
    server.reply({ body: { incidents: [frozen], pagination_meta: { page_size: 250 } } });
    const [incident] = await collect(client.incidents.list());
    expect(incident?.mode).toBe("drill");
    expect(incident?.incident_status.category).toBe("frozen");
  });

  it("passes unknown enum values through on every resource that has them", async () => {
    server.reply({ body: { custom_fields: [exampleCustomField({ field_type: "multi_catalog" })] } });
    expect((await client.customFields.list())[0]?.field_type).toBe("multi_catalog");
    server.reply({ body: { incident_roles: [exampleIncidentRole({ role_type: "scribe" })] } });
    expect((await client.incidentRoles.list())[0]?.role_type).toBe("scribe");
    const user = exampleUserWithRoles({ seats: { on_call: "trial", response: "full_access" } });
    server.reply({ body: { user } });
    expect((await client.users.show("01HQ4Z7V1JX6R8T3N2M5K9B0US")).seats.on_call).toBe("trial");
  });

  it("accepts an incident without the optional fields a new incident may lack", async () => {
    const {
      slack_channel_id: _channel,
      severity: _severity,
      summary: _summary,
      ...fresh
    } = exampleIncident({ incident_status: exampleIncidentStatus({ category: "triage" }) });
    server.reply({ body: { incident: fresh } });
    const incident = await client.incidents.show("INC-123");
    expect(incident.severity).toBeUndefined();
    expect(incident.slack_channel_id).toBeUndefined();
  });
});

describe("a response without a field the client relies on", () => {
  it("is an InvalidResponseError naming the path of the missing field", async () => {
    const { reference: _reference, ...noReference } = exampleIncident();
    server.reply({
      body: { incidents: [exampleIncident(), noReference], pagination_meta: { page_size: 250 } },
    });
    const error = await failure(collect(client.incidents.list()));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).path).toBe("incidents[1].reference");
    expect(error.message).toContain("GET /v2/incidents");
    expect(error.message).toContain("incidents[1].reference");
    expect(error.code).toBe("invalid_response");
    expect(error.retryable).toBe(false);
  });

  it("names nested fields and carries the request_id for a report", async () => {
    const { category: _category, ...noCategory } = exampleIncidentStatus();
    const update = exampleIncidentUpdate({ new_incident_status: noCategory });
    server.reply({ headers: { "x-request-id": "req-7f3a" }, body: { incident_updates: [update] } });
    const error = (await failure(client.incidentUpdates.listPage())) as InvalidResponseError;
    expect(error.path).toBe("incident_updates[0].new_incident_status.category");
    expect(error.requestId).toBe("req-7f3a");
    expect(error.message).toContain("req-7f3a");
  });

  it("names a field of the wrong type", async () => {
    server.reply({ body: { incident: exampleIncident({ created_at: 1767225600 }) } });
    const error = (await failure(client.incidents.show("INC-123"))) as InvalidResponseError;
    expect(error.path).toBe("incident.created_at");
  });

  it("names the envelope when the list itself is missing, and is not retried", async () => {
    server.reply({ body: { severity: [] } });
    const error = (await failure(client.severities.list())) as InvalidResponseError;
    expect(error.path).toBe("severities");
    expect(server.requests).toHaveLength(1);
  });

  it("rejects a 200 whose body is not JSON", async () => {
    server.reply({ body: "<html>maintenance</html>", headers: { "content-type": "text/html" } });
    const error = (await failure(client.severities.list())) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.path).toBe("(body)");
  });
});
