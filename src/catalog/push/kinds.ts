import type {
  CatalogTypeCategory,
  CatalogTypeColor,
  CatalogTypeIcon,
} from "../../api/types/catalog-payloads.js";

/** The Backstage kinds `catalog push` can push, each into a catalog type of its own. */
export const PUSH_KINDS = ["Component", "System", "Group", "API", "Resource", "Domain", "User"] as const;
export type PushKind = (typeof PUSH_KINDS)[number];

/**
 * Pushed unless told otherwise. Users are left out: incident.io has its own users (from Slack, SCIM), and a
 * company's whole directory is many entries to keep in step for little use in incidents.
 */
export const DEFAULT_PUSH_KINDS: readonly PushKind[] = [
  "Component",
  "System",
  "Group",
  "API",
  "Resource",
  "Domain",
];

/**
 * The annotation that marks a catalog type as this tool's, with the sync ID of the push that manages it, as
 * catalog-importer marks its types with `incident.io/catalog-importer/sync-id`. `--prune` only ever deletes entries
 * of types carrying the push's own sync ID.
 */
export const SYNC_ID_ANNOTATION = "incidentkit.io/sync-id";
/** Which Backstage kind a managed type holds, so it is found again after its name (or the config) changes. */
export const KIND_ANNOTATION = "incidentkit.io/backstage-kind";
/** catalog-importer's mark on the types it manages: such a type is never written. */
export const CATALOG_IMPORTER_SYNC_ID_ANNOTATION = "incident.io/catalog-importer/sync-id";

/** The sync ID unless told: one push per incident.io account. Two catalogs pushed into one give each their own. */
export const DEFAULT_SYNC_ID = "incidentkit";

/** How a kind's catalog type looks in incident.io when first created. */
export interface TypeLook {
  /** The name people see, e.g. `Service`. */
  name: string;
  /** `Custom["BackstageComponent"]`: how attributes of other types point at this one; fixed once created. */
  typeName: string;
  description: string;
  categories: CatalogTypeCategory[];
  icon: CatalogTypeIcon;
  color: CatalogTypeColor;
}

/**
 * Type names as catalog-importer's Backstage template names them, so the types read the same to people who know
 * it; display names as incident.io's own catalog calls these things (a Component is a Service, a Group a Team).
 */
export const TYPE_LOOKS: Record<PushKind, TypeLook> = {
  Component: look(
    "Service",
    "Component",
    "Components from the Backstage catalog: services, websites, libraries.",
    {
      categories: ["service"],
      icon: "server",
      color: "blue",
    },
  ),
  System: look(
    "System",
    "System",
    "Systems from the Backstage catalog: components and APIs that work together.",
    {
      icon: "components",
      color: "cyan",
    },
  ),
  Group: look("Team", "Group", "Groups from the Backstage catalog: teams and the organisation they form.", {
    categories: ["team"],
    icon: "users",
    color: "violet",
  }),
  API: look("API", "API", "APIs from the Backstage catalog, provided and consumed by components.", {
    icon: "bolt",
    color: "green",
  }),
  Resource: look(
    "Resource",
    "Resource",
    "Resources from the Backstage catalog: databases, buckets, clusters.",
    {
      icon: "database",
      color: "orange",
    },
  ),
  Domain: look(
    "Domain",
    "Domain",
    "Domains from the Backstage catalog: areas of the business systems belong to.",
    {
      icon: "folder",
      color: "yellow",
    },
  ),
  User: look("User", "User", "Users from the Backstage catalog and the teams they are members of.", {
    categories: ["user"],
    icon: "user",
    color: "pink",
  }),
};

function look(
  name: string,
  kind: string,
  description: string,
  rest: { categories?: CatalogTypeCategory[]; icon: CatalogTypeIcon; color: CatalogTypeColor },
): TypeLook {
  return {
    name,
    typeName: `Custom["Backstage${kind}"]`,
    description,
    categories: rest.categories ?? [],
    icon: rest.icon,
    color: rest.color,
  };
}

/** The kind a `--kinds` word names, any case (`component`, `Group`, `api`); undefined when none. */
export function pushKindNamed(word: string): PushKind | undefined {
  const wanted = word.trim().toLowerCase();
  return PUSH_KINDS.find((kind) => kind.toLowerCase() === wanted);
}

/** `Custom["Name"]` as incident.io requires custom type names; a bare `Name` is wrapped. */
export function customTypeName(text: string): string | undefined {
  const trimmed = text.trim();
  const bare = /^Custom\["([A-Za-z0-9_-]+)"\]$/.exec(trimmed)?.[1] ?? trimmed;
  return /^[A-Za-z0-9_-]+$/.test(bare) ? `Custom["${bare}"]` : undefined;
}
