export { DatabaseError } from "./errors.js";
export { leadsNow, repeatWhileLeading } from "./leader-loop.js";
export {
  DatabaseUrlError,
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
