/**
 * Catalog V3 answers as incident.io sends them, for client tests: a Service type whose Team attribute points at a
 * Team type, and one service. Overrides replace top-level keys.
 */

type Body = Record<string, unknown>;

const CREATED = "2026-01-12T10:02:41.551790Z";
const UPDATED = "2026-02-20T08:15:09.102233Z";

export function exampleCatalogType(overrides: Body = {}): Body {
  return {
    id: "01HQ4Z7V1JX6R8T3N2M5K9B0CT",
    name: "Service",
    description: "Everything we run in production",
    type_name: 'Custom["Service"]',
    engine_resource_type: 'CatalogEntry["01HQ4Z7V1JX6R8T3N2M5K9B0CT"]',
    categories: ["service"],
    color: "blue",
    icon: "server",
    ranked: false,
    is_editable: true,
    is_team_type: false,
    annotations: { "incident.io/catalog-importer/sync-id": "backstage" },
    use_name_as_identifier: true,
    estimated_count: 12,
    source_repo_url: "https://github.com/acme/catalog",
    schema: {
      version: 4,
      attributes: [
        { id: "01HQ4Z7V1JX6R8T3N2M5K9B0A1", name: "Description", type: "Text", array: false, mode: "api" },
        { id: "01HQ4Z7V1JX6R8T3N2M5K9B0A2", name: "Team", type: 'Custom["Team"]', array: false, mode: "api" },
        { id: "01HQ4Z7V1JX6R8T3N2M5K9B0A3", name: "Tags", type: "String", array: true, mode: "dashboard" },
        {
          id: "01HQ4Z7V1JX6R8T3N2M5K9B0A4",
          name: "Team channel",
          type: "String",
          array: false,
          mode: "path",
          path: [
            { attribute_id: "01HQ4Z7V1JX6R8T3N2M5K9B0A2", attribute_name: "Team" },
            { attribute_id: "01HQ4Z7V1JX6R8T3N2M5K9B0B1", attribute_name: "Slack channel" },
          ],
        },
      ],
    },
    created_at: CREATED,
    updated_at: UPDATED,
    ...overrides,
  };
}

export function exampleCatalogEntry(overrides: Body = {}): Body {
  return {
    id: "01HQ4Z7V1JX6R8T3N2M5K9B0CE",
    catalog_type_id: "01HQ4Z7V1JX6R8T3N2M5K9B0CT",
    name: "Payments API",
    external_id: "payments-api",
    aliases: ["payments", "pay-api"],
    rank: 0,
    attribute_values: {
      "01HQ4Z7V1JX6R8T3N2M5K9B0A1": {
        value: { literal: "Card and wallet payments", label: "Card and wallet payments" },
      },
      "01HQ4Z7V1JX6R8T3N2M5K9B0A2": { value: { literal: "payments", label: "Payments" } },
      "01HQ4Z7V1JX6R8T3N2M5K9B0A3": {
        array_value: [
          { literal: "pci", label: "pci" },
          { literal: "tier-1", label: "tier-1" },
        ],
      },
    },
    created_at: CREATED,
    updated_at: UPDATED,
    ...overrides,
  };
}

export function exampleCatalogResource(overrides: Body = {}): Body {
  return {
    type: 'Custom["Team"]',
    label: "Team",
    description: "Engineering teams",
    engine_resource_type: 'CatalogEntry["01HQ4Z7V1JX6R8T3N2M5K9B0TT"]',
    value_docstring: "The ID, external ID or an alias of a Team entry",
    category: "custom",
    ...overrides,
  };
}
