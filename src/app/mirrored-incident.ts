import { ALIAS_PATTERN } from "../api/accounts-file.js";
import { IncidentKitError } from "../api/index.js";
import type { MirroredIncident } from "../mirror/index.js";
import { parseIncidentRef } from "../ops/incident-ref.js";
import { invalidArgument } from "../ops/invalid-argument.js";
import type { ServiceDirectory } from "./directory.js";

/** Which incidents a lookup considers: those of one account, or (undefined) of every account the hub serves. */
export interface AccountScope {
  account?: string;
}

/**
 * The mirrored incident a person names: its ID, its reference ("INC-123"), its number ("123") or its incident.io
 * link, each optionally after its account ("staging/INC-123"). Undefined when the mirror has no such incident; a
 * malformed reference is an `invalid_argument`. A reference is unique within an account only: one found in
 * several accounts the hub serves is an `invalid_argument` listing them, never a guess.
 */
export async function findMirroredIncident(
  directory: Pick<ServiceDirectory, "current" | "incidents">,
  ref: string,
  scope: AccountScope = {},
): Promise<MirroredIncident | undefined> {
  await directory.current();
  return named([...directory.incidents()], ref, scope);
}

/** `account/rest` when `account` is an account alias, else the whole text. */
function splitAccount(text: string): { account?: string; ref: string } {
  const slash = text.indexOf("/");
  if (slash < 0) return { ref: text };
  const account = text.slice(0, slash);
  return ALIAS_PATTERN.test(account) ? { account, ref: text.slice(slash + 1).trim() } : { ref: text };
}

function named(
  incidents: readonly MirroredIncident[],
  input: string,
  scope: AccountScope,
): MirroredIncident | undefined {
  const { account: named, ref } = splitAccount(input.trim());
  if (named !== undefined && scope.account !== undefined && named !== scope.account) {
    throw invalidArgument(
      `${input.trim()} names account ${named}, and this asks within account ${scope.account}`,
      `name an incident of account ${scope.account}, or ask with --account ${named}`,
    );
  }
  const account = named ?? scope.account;
  const inScope =
    account === undefined ? incidents : incidents.filter((incident) => incident.account === account);
  const byId = inScope.filter((incident) => incident.id === ref);
  let found: MirroredIncident[] = byId;
  if (found.length === 0) {
    const parsed = parseIncidentRef(ref);
    found = inScope.filter((incident) =>
      "id" in parsed
        ? incident.id === parsed.id
        : incident.reference.toUpperCase() === `INC-${parsed.number}`,
    );
  }
  if (found.length > 1) {
    const listed = found.map((incident) => `${incident.account}/${incident.reference}`).sort();
    throw invalidArgument(
      `${input.trim()} names an incident in each of ${listed.length} accounts: ${listed.join(", ")}`,
      `say which, with its account first (${listed[0]})`,
    );
  }
  return found[0];
}

/**
 * `findMirroredIncident`, with an error saying what to do when the mirror lacks it: `forbidden` for a private
 * incident (the hub shows none), else `not_found`.
 */
export async function requireMirroredIncident(
  directory: Pick<ServiceDirectory, "current" | "incidents" | "privateIncidents">,
  ref: string,
  scope: AccountScope = {},
): Promise<MirroredIncident> {
  const found = await findMirroredIncident(directory, ref, scope);
  if (found) return found;
  if (hidden([...directory.privateIncidents()], ref, scope)) {
    throw new IncidentKitError({
      code: "forbidden",
      message: `incident ${ref.trim()} is private: the hub keeps private incidents out of everything it shows`,
      hint: "read it in incident.io, or through the API with a key allowed to see private incidents (incidentkit incidents show)",
    });
  }
  throw new IncidentKitError({
    code: "not_found",
    message: `incident ${ref.trim()} is not in the hub's mirror`,
    hint: "check the reference; an incident declared moments ago shows after the next sync (incidentkit sync run)",
  });
}

/** Whether the reference names one of these (private) incidents; several alike count too. */
function hidden(incidents: readonly MirroredIncident[], ref: string, scope: AccountScope): boolean {
  try {
    return named(incidents, ref, scope) !== undefined;
  } catch (error) {
    if (error instanceof IncidentKitError && error.code === "invalid_argument") return true;
    throw error;
  }
}
