export { leadsNow, repeatWhileLeading } from "./leader-loop.js";
export {
  type Leadership,
  type LeadershipOptions,
  openStore,
  type PostgresLocation,
  type SqliteLocation,
  type Store,
  type StoreDialect,
  type StoreLocation,
  type StoreOptions,
  type Synchronous,
  storeLocation,
} from "./open.js";
export type * from "./schema.js";
