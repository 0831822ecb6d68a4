import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { ServiceDirectory } from "../../app/directory.js";
import type { AccountScope } from "../../app/mirrored-incident.js";
import type { Clock } from "../../shared/clock.js";
import type { Store } from "../../store/index.js";

/**
 * What the hub knows beyond incident.io: its mirror of incidents mapped to the catalog (the directory) and its
 * database of changes. Tools over it are registered only when a server is given one.
 */
export interface HubState {
  directory: ServiceDirectory;
  store: Store;
  /** "now" for windows such as "the past 90 days"; the system clock unless given. */
  clock?: Clock;
  /**
   * The account the tools answer about: references are resolved, similar incidents ranked and time to resolve
   * measured within it (the server's session's account, unless given). Organisations are never pooled.
   */
  account?: string;
}

/** The account a lookup keeps to: the hub state's account, when it has one. */
export function accountScope(hub: HubState): AccountScope {
  return hub.account === undefined ? {} : { account: hub.account };
}

/** The names of the tools that need the hub's state, for the server's instructions. */
export const HUB_STATE_TOOLS = [
  "find_similar_incidents",
  "list_recent_changes",
  "get_mttr",
  "get_investigation",
] as const;

/** Reads the hub's own database and changes nothing; incident.io is not called. */
export const HUB_READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
