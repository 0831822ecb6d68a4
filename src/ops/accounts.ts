import {
  type Account,
  describeKey,
  type Identity,
  IncidentIo,
  type IncidentIoOptions,
  IncidentKitError,
} from "../api/index.js";

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
 * Asks incident.io who the account's key is (`GET /v1/identity`), then makes the smallest read incidentkit
 * depends on (`GET /v2/incidents?page_size=1`), so a key without the incidents scope fails here, with the scope
 * to add, rather than in the middle of an incident. API and transport failures are returned, not thrown.
 */
export async function verifyAccount(
  account: Account,
  options: { clientOptions?: Partial<IncidentIoOptions> } = {},
): Promise<AccountCheck> {
  const base = { alias: account.alias, baseUrl: account.baseUrl, key: describeKey(account.apiKey) };
  try {
    const io = new IncidentIo({ ...options.clientOptions, apiKey: account.apiKey, baseUrl: account.baseUrl });
    const identity = await io.identity();
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
