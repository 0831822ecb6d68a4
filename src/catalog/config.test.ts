import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CatalogConfigSchema, parseCatalogConfig } from "./config.js";

describe("the hub config's catalog section", () => {
  it("resolves the folder against the config file and defaults the field", () => {
    expect(parseCatalogConfig({ dir: "./catalog" }, "/etc/incidentkit/hub.yaml")).toEqual({
      dir: resolve("/etc/incidentkit/catalog"),
      field: "Affected services",
    });
    expect(
      parseCatalogConfig({ dir: "/srv/catalog", field: "01FIELD", account: "prod" }, "hub.yaml"),
    ).toEqual({
      dir: resolve("/srv/catalog"),
      field: "01FIELD",
      account: "prod",
    });
  });

  it("refuses a missing folder, an empty field, a bad account alias and unknown keys, naming the key", () => {
    const paths = (input: unknown) =>
      CatalogConfigSchema.safeParse(input).error?.issues.map((issue) => [
        issue.path.join("."),
        issue.message,
      ]);
    expect(paths({})).toEqual([["dir", expect.any(String)]]);
    expect(paths({ dir: "c", field: " " })).toEqual([
      ["field", "give the custom field's name or ID, e.g. Affected services"],
    ]);
    expect(paths({ dir: "c", account: "Prod" })).toEqual([
      ["account", "must be an account alias (lower-case letters, digits, - and _)"],
    ]);
    expect(paths({ dir: "c", feild: "x" })?.[0]?.[0]).toBe("");
  });
});
