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
  BACKSTAGE_KINDS,
  type BackstageEntity,
  type BackstageKind,
  type CatalogEntity,
  ENTITY_KINDS,
  type EntityKind,
  type EntityLink,
  type EntityRelation,
  isHubEntity,
  type OtherEntity,
  type OtherKind,
  type RelationType,
  type SkippedEntity,
  type SkipReason,
  type SourcePosition,
} from "./entity.js";
export { entityJson, problemJson, skippedJson, validationJson } from "./json.js";
export {
  type Catalog,
  type CatalogFile,
  catalogFiles,
  emptyCatalog,
  loadCatalogDir,
  parseCatalog,
  strictly,
} from "./load.js";
export { EntityMapping, type MappingOptions, normalise } from "./mapping.js";
export { type CatalogProblem, formatProblem } from "./problem.js";
export { formatRef, parseRef, refKey } from "./ref.js";
export { type CatalogSummary, describeForHub, describeSummary, summarise } from "./summary.js";
