import { expect } from "vitest";
import type { TestEmulator } from "../../../test/support/emulator.js";
import { call, type Reply } from "../testing.js";

/** Calls for the catalog tests: reads as `token`, writes as the admin key unless told otherwise. */
export function catalogClient(t: () => TestEmulator, token: () => string) {
  const get = (path: string, as = token()) => call(t().emulator, "GET", path, { token: as });
  const send = (method: string, path: string, body?: unknown, as = t().adminKey) =>
    call(t().emulator, method, path, { token: as, ...(body === undefined ? {} : { body }) });

  /** Creates a type and gives it `attributes`; returns the type as the schema update answered it. */
  async function typeWith(name: string, attributes: unknown[], extra: Record<string, unknown> = {}) {
    const created = await send("POST", "/v3/catalog_types", { name, description: `${name}s`, ...extra });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const type = created.body.catalog_type;
    const updated = await send("POST", `/v3/catalog_types/${type.id}/actions/update_schema`, {
      version: type.schema.version,
      attributes,
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    return updated.body.catalog_type as CatalogTypeBody;
  }

  async function entry(body: Record<string, unknown>) {
    const created = await send("POST", "/v3/catalog_entries", { attribute_values: {}, ...body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.catalog_entry as CatalogEntryBody;
  }

  return { get, send, typeWith, entry };
}

export interface CatalogTypeBody {
  id: string;
  name: string;
  type_name: string;
  schema: {
    version: number;
    attributes: { id: string; name: string; type: string; array: boolean; mode: string }[];
  };
}

export interface CatalogEntryBody {
  id: string;
  name: string;
  external_id?: string;
  aliases: string[];
  rank: number;
  attribute_values: Record<
    string,
    { value?: { literal?: string; label: string }; array_value?: { literal?: string; label: string }[] }
  >;
}

/** The attribute of a type by name, failing loudly when it is missing. */
export function attributeId(type: CatalogTypeBody, name: string): string {
  const found = type.schema.attributes.find((a) => a.name === name);
  if (!found) throw new Error(`the type ${type.name} has no attribute ${name}`);
  return found.id;
}

/** The field a 422 names, after checking it is a 422 validation error. */
export function fieldOf(reply: Reply): string | undefined {
  expect(reply.status, JSON.stringify(reply.body)).toBe(422);
  expect(reply.body.type).toBe("validation_error");
  return reply.body.errors[0]?.source?.field;
}

export function expectNotFound(reply: Reply): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(404);
  expect(reply.body).toMatchObject({ type: "not_found", status: 404, errors: [{ code: "not_found" }] });
}

/**
 * A Team type (with a Slack channel, and a backlink to the components pointing at it) and a Component type
 * (`service` in the tests) with one attribute of each kind: a Team reference, a Number, a Bool, an array of
 * Components, and a path to its team's Slack channel.
 */
export async function teamAndComponent(client: ReturnType<typeof catalogClient>) {
  const team = await client.typeWith(
    "Team",
    [{ id: "slack", name: "Slack channel", type: "String", array: false }],
    {
      use_name_as_identifier: true,
    },
  );
  const service = await client.typeWith(
    "Component",
    [
      { id: "team", name: "Team", type: team.type_name, array: false },
      { id: "tier", name: "Tier", type: "Number", array: false },
      { id: "public", name: "Public", type: "Bool", array: false },
      { id: "depends_on", name: "Depends on", type: 'Custom["Component"]', array: true },
      {
        id: "team_channel",
        name: "Team channel",
        type: "String",
        array: false,
        path: [{ attribute_id: "team" }, { attribute_id: "slack" }],
      },
    ],
    { type_name: 'Custom["Component"]' },
  );
  const backlinked = await client.send("POST", `/v3/catalog_types/${team.id}/actions/update_schema`, {
    version: team.schema.version,
    attributes: [
      ...team.schema.attributes,
      { id: "services", name: "Services", type: service.type_name, array: true, backlink_attribute: "team" },
    ],
  });
  expect(backlinked.status, JSON.stringify(backlinked.body)).toBe(200);
  return { team: backlinked.body.catalog_type as CatalogTypeBody, service };
}
