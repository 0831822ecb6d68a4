export { catalogAccounts } from "./accounts.js";
export { ACCOUNT_ANNOTATION, FIELD_VALUE_ANNOTATION } from "./annotations.js";
export {
  type CatalogConfig,
  type CatalogConfigInput,
  CatalogConfigSchema,
  catalogConfigFrom,
  DEFAULT_CATALOG_FIELD,
  parseCatalogConfig,
} from "./config.js";
export { demoCatalogDir } from "./demo.js";
export {
  type CatalogEntity,
  ENTITY_KINDS,
  type EntityKind,
  type EntityLink,
  type SkippedEntity,
  type SourcePosition,
} from "./entity.js";
export { entityJson, problemJson, skippedJson, validationJson } from "./json.js";
export { type Catalog, type CatalogFile, catalogFiles, loadCatalogDir, parseCatalog } from "./load.js";
export { EntityMapping, type MappingOptions, normalise } from "./mapping.js";
export { type CatalogProblem, formatProblem } from "./problem.js";
export { formatRef, parseRef, refKey } from "./ref.js";
export { type CatalogSummary, describeSummary, summarise } from "./summary.js";
