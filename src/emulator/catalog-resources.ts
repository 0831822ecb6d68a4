import { liveTypes } from "./catalog-store.js";
import { engineResourceType } from "./catalog-types.js";
import { ON_CALL_RESOURCES } from "./oncall-catalog.js";
import type { EmulatorState } from "./state.js";

/**
 * The primitive attribute types. The emulator connects no integrations, so the only external resources are
 * incident.io's own on-call ones (no Slack channels, PagerDuty services…), besides the organisation's catalog types.
 */
const PRIMITIVE_RESOURCES = [
  {
    type: "String",
    label: "String",
    description: "A single line of text",
    value_docstring: "Any text, e.g. payments-api",
  },
  {
    type: "Text",
    label: "Text",
    description: "Rich text, several lines long",
    value_docstring: "Any text",
  },
  {
    type: "Number",
    label: "Number",
    description: "A number, whole or decimal",
    value_docstring: "A decimal written as a string, e.g. 42 or 0.25",
  },
  {
    type: "Bool",
    label: "Boolean",
    description: "Boolean true or false value",
    value_docstring: "true or false",
  },
] as const;

/** `CatalogResourceV3` for every type a catalog attribute can hold. */
export function catalogResources(state: EmulatorState) {
  return [
    ...PRIMITIVE_RESOURCES.map((resource) => ({
      ...resource,
      engine_resource_type: resource.type,
      category: "primitive" as const,
    })),
    ...ON_CALL_RESOURCES.map((resource) => ({
      ...resource,
      engine_resource_type: resource.type,
      category: "external" as const,
    })),
    ...liveTypes(state).map((type) => ({
      type: type.type_name,
      label: type.name,
      description: type.description,
      value_docstring: `The ID, external ID or an alias of a ${type.name} entry`,
      engine_resource_type: engineResourceType(type),
      category: "custom" as const,
    })),
  ];
}
