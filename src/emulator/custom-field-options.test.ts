import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import type { Snapshot } from "./model.js";
import { call, incidentRecord, named, type Reply, testSnapshot, tokenFor } from "./testing.js";

let snapshot: Snapshot;
let t: TestEmulator;

const field = (name: string) => named(snapshot.custom_fields, name).id;
const option = (value: string) => snapshot.custom_field_options.find((o) => o.value === value)?.id ?? "";
const request = (method: string, path: string, body?: unknown, token = t.adminKey): Promise<Reply> =>
  call(t.emulator, method, path, { token, ...(body === undefined ? {} : { body }) });
const options = async (fieldId: string) =>
  (await request("GET", `/v1/custom_field_options?custom_field_id=${fieldId}`)).body.custom_field_options.map(
    (o: { value: string }) => o.value,
  );

beforeEach(async () => {
  snapshot = testSnapshot();
  snapshot.incidents = [
    incidentRecord(snapshot, 1, {
      custom_field_entries: [
        { custom_field_id: field("Affected team"), values: [{ value_option_id: option("Mobile") }] },
        {
          custom_field_id: field("Products"),
          values: [{ value_option_id: option("Web") }, { value_option_id: option("App") }],
        },
      ],
    }),
    incidentRecord(snapshot, 2),
  ];
  t = await startTestEmulator({ ephemeral: true, snapshot });
});

afterEach(() => t.close());

function expectRefusal(reply: Reply, status: number, field?: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  if (field) expect(reply.body.errors[0].source?.field).toBe(field);
}

describe("custom field options", () => {
  it("creates an option, near the end without a sort key, and shows it in order", async () => {
    const reply = await request("POST", "/v1/custom_field_options", {
      custom_field_id: field("Affected team"),
      value: "Data",
    });
    expect(reply.status).toBe(201);
    expect(reply.body.custom_field_option).toMatchObject({
      custom_field_id: field("Affected team"),
      value: "Data",
      sort_key: 1000,
    });
    await request("POST", "/v1/custom_field_options", {
      custom_field_id: field("Affected team"),
      value: "Identity",
      sort_key: 15,
    });
    expect(await options(field("Affected team"))).toEqual([
      "Payments",
      "Identity",
      "Platform",
      "Mobile",
      "Data",
    ]);
    const shown = await request("GET", `/v1/custom_field_options/${reply.body.custom_field_option.id}`);
    expect(shown.body.custom_field_option).toEqual(reply.body.custom_field_option);
  });

  it("pages through a field's options, new ones in sort-key order among the old", async () => {
    for (const [value, sort_key] of [
      ["Data", 25],
      ["Identity", 5],
      ["Web", 1000],
    ] as const) {
      await request("POST", "/v1/custom_field_options", {
        custom_field_id: field("Affected team"),
        value,
        sort_key,
      });
    }
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const query = `custom_field_id=${field("Affected team")}&page_size=2${after ? `&after=${after}` : ""}`;
      const page = (await request("GET", `/v1/custom_field_options?${query}`)).body;
      seen.push(...page.custom_field_options.map((o: { value: string }) => o.value));
      expect(page.pagination_meta.page_size).toBe(2);
      after = page.pagination_meta.after;
      pages++;
    } while (after);
    expect(seen).toEqual(["Identity", "Payments", "Platform", "Data", "Mobile", "Web"]);
    expect(pages).toBe(3);
  });

  it("updates value and sort key, and incidents show the new value", async () => {
    const reply = await request("PUT", `/v1/custom_field_options/${option("Mobile")}`, {
      value: "Mobile apps",
      sort_key: 5,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.custom_field_option).toMatchObject({ value: "Mobile apps", sort_key: 5 });
    const incident = (await request("GET", "/v2/incidents/1")).body.incident;
    const entry = incident.custom_field_entries.find(
      (e: { custom_field: { id: string } }) => e.custom_field.id === field("Affected team"),
    );
    expect(entry.values[0].value_option.value).toBe("Mobile apps");
    // Keeping its own value is no clash with itself.
    const same = await request("PUT", `/v1/custom_field_options/${option("Mobile")}`, {
      value: "Mobile apps",
      sort_key: 6,
    });
    expect(same.status).toBe(200);
  });

  it.each([
    [{ custom_field_id: "NOTES", value: "x" }, "custom_field_id", "Notes"],
    [{ custom_field_id: "SERVICE", value: "x" }, "custom_field_id", "Service"],
    [{ custom_field_id: "01NOFIELD", value: "x" }, "custom_field_id", "01NOFIELD"],
    [{ custom_field_id: "TEAM", value: "payments" }, "value", "Payments"],
    [{ custom_field_id: "TEAM", value: " Data" }, "value", "whitespace"],
    [{ custom_field_id: "TEAM", value: "Da\tta" }, "value", "tabs"],
    [{ custom_field_id: "TEAM", value: "" }, "value", "empty"],
    [{ custom_field_id: "TEAM", value: "Data", sort_key: 1.5 }, "sort_key", "sort_key"],
    [{ custom_field_id: "TEAM" }, "value", "required"],
  ])("refuses %j with a 422 naming %s (%s), and stores nothing", async (body, where, mentions) => {
    const ids: Record<string, string> = {
      NOTES: field("Notes"),
      SERVICE: field("Service"),
      TEAM: field("Affected team"),
    };
    const before = t.emulator.customFieldOptions();
    const reply = await request("POST", "/v1/custom_field_options", {
      ...body,
      custom_field_id: ids[body.custom_field_id] ?? body.custom_field_id,
    });
    expectRefusal(reply, 422, where);
    expect(reply.body.errors[0].message).toContain(mentions);
    expect(t.emulator.customFieldOptions()).toEqual(before);
  });

  it("refuses an update to a value another option has, or without a sort key", async () => {
    const path = `/v1/custom_field_options/${option("Mobile")}`;
    expectRefusal(await request("PUT", path, { value: "PLATFORM", sort_key: 1 }), 422, "value");
    expectRefusal(await request("PUT", path, { value: "Phones" }), 422, "sort_key");
    expectRefusal(
      await request("PUT", "/v1/custom_field_options/01NOSUCH", { value: "x", sort_key: 1 }),
      404,
    );
  });

  it("deletes an option in use: incidents lose that value, and it can no longer be filtered by", async () => {
    const web = option("Web");
    const reply = await request("DELETE", `/v1/custom_field_options/${web}`);
    expect(reply.status).toBe(204);
    expect(await options(field("Products"))).toEqual(["App"]);
    const incident = (await request("GET", "/v2/incidents/1")).body.incident;
    const products = incident.custom_field_entries.find(
      (e: { custom_field: { id: string } }) => e.custom_field.id === field("Products"),
    );
    expect(products.values.map((v: { value_option: { value: string } }) => v.value_option.value)).toEqual([
      "App",
    ]);
    expect(incident.updated_at).toBe(snapshot.incidents[0]?.updated_at);
    const filtered = await request("GET", `/v2/incidents?custom_field[${field("Products")}][one_of]=${web}`);
    expectRefusal(filtered, 422, "custom_field");
    // The last value of a field going takes the field's entry with it.
    await request("DELETE", `/v1/custom_field_options/${option("Mobile")}`);
    const blank = await request(
      "GET",
      `/v2/incidents?custom_field[${field("Affected team")}][is_blank]=true`,
    );
    expect(blank.body.incidents.map((i: { reference: string }) => i.reference).sort()).toEqual([
      "INC-1",
      "INC-2",
    ]);
    expect((await request("DELETE", `/v1/custom_field_options/${web}`)).status).toBe(404);
  });

  it("needs the settings scope to write, and custom_fields.view to read", async () => {
    const viewer = tokenFor(snapshot, "Viewer");
    const body = { custom_field_id: field("Affected team"), value: "Data" };
    expectRefusal(await request("POST", "/v1/custom_field_options", body, viewer), 403);
    expectRefusal(
      await request("DELETE", `/v1/custom_field_options/${option("Mobile")}`, undefined, viewer),
      403,
    );
    expect(
      (await request("GET", `/v1/custom_field_options/${option("Mobile")}`, undefined, viewer)).status,
    ).toBe(200);
  });
});
