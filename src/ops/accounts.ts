import {
  type Account,
  describeKey,
  type Identity,
  IncidentIo,
  type IncidentIoOptions,
  IncidentKitError,
} from "../api/index.js";

/** What a key is checked for: reading (the CLI's reads, `mcp --read-only`), writing too, or serving a hub. */
export type KeyUse = "read" | "write" | "hub";
export const KEY_USES: readonly KeyUse[] = ["read", "write", "hub"];

/** The API key roles each use needs, with what each is for; `global_access` stands for all of them. */
const USE_ROLES: Readonly<Record<KeyUse, ReadonlyArray<readonly [role: string, needed: string]>>> = {
  read: [["viewer", "read incidents, updates and settings"]],
  write: [
    ["viewer", "read incidents, updates and settings"],
    ["incident_creator", "declare incidents"],
    ["incident_editor", "edit and close incidents, post updates"],
  ],
  hub: [
    ["viewer", "mirror incidents and read settings"],
    ["incident_creator", "declare the incidents alerts open"],
    ["incident_editor", "close them and post updates and findings"],
  ],
};

/** The roles `use` needs that a key holding `roles` lacks, each with what it is for. */
export function missingRoles(roles: readonly string[], use: KeyUse): Array<{ role: string; needed: string }> {
  if (roles.includes("global_access")) return [];
  return USE_ROLES[use].filter(([role]) => !roles.includes(role)).map(([role, needed]) => ({ role, needed }));
}

/** The outcome of checking one account's key. */
export interface AccountCheck {
  alias: string;
  baseUrl: string;
  /** The key as people may see it: its last four characters. */
  key: string;
  ok: boolean;
  identity?: Identity;
  error?: IncidentKitError;
}

/**
 * Asks incident.io who the account's key is (`GET /v1/identity`) and checks its roles cover `use` (default
 * read), then makes the smallest read incidentkit depends on (`GET /v2/incidents?page_size=1`), so a key that
 * cannot do what it is for fails here, with the role to add, rather than in the middle of an incident. API and
 * transport failures are returned, not thrown.
 */
export async function verifyAccount(
  account: Account,
  options: { clientOptions?: Partial<IncidentIoOptions>; use?: KeyUse } = {},
): Promise<AccountCheck> {
  const base = { alias: account.alias, baseUrl: account.baseUrl, key: describeKey(account.apiKey) };
  try {
    const io = new IncidentIo({ ...options.clientOptions, apiKey: account.apiKey, baseUrl: account.baseUrl });
    const identity = await io.identity();
    const use = options.use ?? "read";
    const missing = missingRoles(identity.roles, use);
    if (missing.length > 0) {
      const error = new IncidentKitError({
        code: "missing_scope",
        message: `the key lacks roles that ${use} needs: ${missing.map(({ role, needed }) => `${role} (${needed})`).join(", ")}`,
        hint: `add ${missing.map(({ role }) => role).join(" and ")} to the key in incident.io (Settings, API keys), or use a key with global access`,
      });
      return { ...base, ok: false, identity, error };
    }
    try {
      await io.incidents.listPage({}, { pageSize: 1 });
    } catch (error) {
      if (error instanceof IncidentKitError) return { ...base, ok: false, identity, error };
      throw error;
    }
    return { ...base, ok: true, identity };
  } catch (error) {
    if (error instanceof IncidentKitError) return { ...base, ok: false, error };
    throw error;
  }
}
