import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getCustomField, listCustomFields } from "./custom-fields.js";
import { addFieldOption, removeFieldOption, renameFieldOption } from "./field-options.js";
import { declareIncident } from "./incidents.js";
import { type OpsTest, refusal, startOpsTest } from "./testing.js";

let ops: OpsTest;
beforeEach(async () => {
  ops = await startOpsTest();
});
afterEach(async () => {
  await ops.close();
});

const values = (change: { options: { value: string }[] }) => change.options.map((option) => option.value);
const writes = () => ops.requests.filter((request) => !request.startsWith("GET "));

describe("custom fields with their options", () => {
  it("lists every field, select fields with their options by sort key, others with none", async () => {
    const fields = await listCustomFields(ops.s);
    const byName = new Map(fields.map((entry) => [entry.field.name, entry]));
    expect(values(byName.get("Affected team") ?? { options: [] })).toEqual([
      "Payments",
      "Platform",
      "Mobile",
    ]);
    expect(values(byName.get("Products") ?? { options: [] })).toEqual(["Web", "App"]);
    expect(byName.get("Service")?.options).toEqual([]);
    expect(byName.get("Notes")?.options).toEqual([]);
  });

  it("shows one field by name in any case, and lists the fields for an unknown one", async () => {
    expect((await getCustomField(ops.s, "affected TEAM")).field.field_type).toBe("single_select");
    const unknown = await refusal(getCustomField(ops.s, "Colour"));
    expect(unknown.code).toBe("invalid_argument");
    expect(unknown.hint).toContain("Affected team");
  });
});

describe("option writes", () => {
  it("adds an option once: the same value again (any case) finds it", async () => {
    const added = await addFieldOption(ops.s, "Affected team", "  Data  ", { sortKey: 5 });
    expect(added).toMatchObject({ changed: true, option: { value: "Data", sort_key: 5 } });
    expect(values(added)).toEqual(["Data", "Payments", "Platform", "Mobile"]);
    const before = writes().length;
    const again = await addFieldOption(ops.s, "affected team", "data");
    expect(again).toMatchObject({ changed: false, option: { id: added.option?.id } });
    expect(writes()).toHaveLength(before);
  });

  it("makes a new option usable by the same session at once", async () => {
    await getCustomField(ops.s, "Affected team");
    await addFieldOption(ops.s, "Affected team", "Search");
    const { incident } = await declareIncident(ops.s, {
      name: "New team",
      severity: "Minor",
      customFields: { "Affected team": "Search" },
    });
    expect(incident.custom_field_entries[0]?.values[0]?.value_option?.value).toBe("Search");
  });

  it("renames an option by value, keeping its sort key, and finds a rename already done", async () => {
    const renamed = await renameFieldOption(ops.s, "Affected team", "mobile", "Mobile apps");
    expect(renamed).toMatchObject({ changed: true, option: { value: "Mobile apps", sort_key: 30 } });
    const before = writes().length;
    expect((await renameFieldOption(ops.s, "Affected team", "Mobile", "Mobile apps")).changed).toBe(false);
    expect(writes()).toHaveLength(before);
    const moved = await renameFieldOption(ops.s, "Affected team", "Mobile apps", undefined, { sortKey: 1 });
    expect(values(moved)[0]).toBe("Mobile apps");
  });

  it("refuses a rename of an option the field does not have, listing its options", async () => {
    const refused = await refusal(renameFieldOption(ops.s, "Affected team", "Ops", "Operations"));
    expect(refused.code).toBe("invalid_argument");
    expect(refused.hint).toBe("use one of: Payments, Platform, Mobile");
    expect((await refusal(renameFieldOption(ops.s, "Affected team", "Ops", undefined))).message).toBe(
      "nothing to change",
    );
  });

  it("removes an option by value, and says nothing was there the second time", async () => {
    const removed = await removeFieldOption(ops.s, "Products", "WEB");
    expect(removed).toMatchObject({ changed: true, option: { value: "Web" } });
    expect(values(removed)).toEqual(["App"]);
    const again = await removeFieldOption(ops.s, "Products", "Web");
    expect(again.changed).toBe(false);
    expect(again.option).toBeUndefined();
  });

  it("refuses fields without options of their own, and bad values, before writing", async () => {
    const text = await refusal(addFieldOption(ops.s, "Notes", "x"));
    expect(text.message).toContain("text field");
    expect(text.hint).toBe("use one of: Affected team, Products");
    const catalog = await refusal(addFieldOption(ops.s, "Service", "x"));
    expect(catalog.message).toContain("catalog");
    expect((await refusal(addFieldOption(ops.s, "Products", "a\tb"))).message).toContain("tab");
    expect((await refusal(addFieldOption(ops.s, "Products", "  "))).message).toContain("empty");
    expect((await refusal(addFieldOption(ops.s, "Products", "x", { sortKey: 1.5 }))).message).toContain(
      "whole number",
    );
    expect(writes()).toEqual([]);
  });
});
