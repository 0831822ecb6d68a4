/** What a mention of a private incident becomes for a viewer who may not see it. */
export const WITHHELD_INCIDENT = "a private incident";

/**
 * One mention of an incident in text: an http(s) URL (a permalink, or an incident.io API call's, as failed
 * deliveries quote them), a reference (INC-42), a number after the word "incident" (an alert naming "incident
 * 42"), or a run of ID characters (an ID alone, or one within a dedup key). `lead` takes a preceding "incident "
 * so "names incident INC-42" reads "names a private incident".
 */
const MENTION =
  /(?<lead>\bincident\s+)?(?:(?<url>https?:\/\/[^\s"'<>]+)|\bINC-(?<ref>\d{1,15})\b|(?<![0-9A-Za-z_-])(?<id>[0-9A-Za-z_-]{16,}))|\bincidents?\s+#?(?<number>\d{1,15})\b/gi;

/** A run of ID characters: an ID (ULIDs today; UUIDs, with their dashes, maybe later), or words around one. */
const ID_RUN = /(?<![0-9A-Za-z_-])[0-9A-Za-z_-]{16,}/g;
/** A ULID inside a longer run (`<ID>-db`). */
const ALNUM_RUN = /[0-9A-Za-z]{16,}/g;

/** What ends a sentence, not a URL: "…/incidents/42:" names incident 42. */
const TRAILING = /[.,:;!?)\]]+$/;

/** A reference's number as the hub compares them: "INC-042" and "42" are both "42". */
function referenceNumber(reference: string): string | undefined {
  const digits = /(\d+)$/.exec(reference)?.[1];
  return digits === undefined ? undefined : String(Number(digits));
}

/** The incident a URL's path names (`…/incidents/<number or ID>`), whatever its host: a number or an ID. */
function incidentInPath(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const segments = path.split("/").filter((segment) => segment !== "");
  const at = segments.lastIndexOf("incidents");
  return at >= 0 ? segments[at + 1] : undefined;
}

/**
 * The private incidents the mirror knows, for hiding their mentions in what the hub shows of its alerts (the
 * group's incident, the rules' reasons, delivery messages) from viewers who may not see them. Mentions are found
 * by ID and by reference number: an account's reference is not unique across the accounts a hub serves, so a
 * reference that is private in any of them is withheld — withholding a public one by mistake costs a link, and
 * showing a private one would give it away.
 */
export class PrivateIncidentMentions {
  private readonly ids = new Set<string>();
  /** Reference numbers (INC-42 → "42"). */
  private readonly numbers = new Set<string>();

  constructor(incidents: Iterable<{ id: string; reference: string }>) {
    for (const { id, reference } of incidents) {
      this.ids.add(id);
      const number = referenceNumber(reference);
      if (number !== undefined) this.numbers.add(number);
    }
  }

  /** Whether there is anything to withhold. */
  get empty(): boolean {
    return this.ids.size === 0;
  }

  /**
   * Whether the incident an alert's group names must be withheld: known private by its ID, or, when the mirror
   * does not (yet) hold it as public, its reference is a private incident's. One the mirror has not read yet shows
   * as before, since nothing says it is private.
   */
  hides(
    incident: { id: string | null; reference: string | null },
    isPublic: (id: string) => boolean,
  ): boolean {
    if (incident.id !== null && this.ids.has(incident.id)) return true;
    if (incident.id !== null && isPublic(incident.id)) return false;
    return incident.reference !== null && this.refersToPrivate(incident.reference);
  }

  /** `text` with every mention of a private incident replaced by `WITHHELD_INCIDENT`. */
  scrub(text: string): string {
    if (this.empty) return text;
    return text.replace(MENTION, (whole, ...args) => {
      const groups = args.at(-1) as Record<string, string | undefined>;
      const { url, ref, id, number } = groups;
      if (ref !== undefined || number !== undefined) {
        return this.refersToPrivate(ref ?? number ?? "") ? WITHHELD_INCIDENT : whole;
      }
      if (id !== undefined) return this.ids.has(id) ? WITHHELD_INCIDENT : this.scrubIds(whole);
      if (url === undefined) return whole;
      const end = TRAILING.exec(url)?.[0] ?? "";
      const bare = url.slice(0, url.length - end.length);
      const named = incidentInPath(bare);
      if (named !== undefined && this.namesPrivate(named)) return `${WITHHELD_INCIDENT}${end}`;
      return this.scrubIds(whole);
    });
  }

  /** Private IDs in `text`, alone or within a run of ID characters (a query string, a dedup key). */
  private scrubIds(text: string): string {
    return text.replace(ID_RUN, (run) =>
      this.ids.has(run)
        ? WITHHELD_INCIDENT
        : run.replace(ALNUM_RUN, (part) => (this.ids.has(part) ? WITHHELD_INCIDENT : part)),
    );
  }

  /** Whether a reference (INC-42) or a bare number (42) is a private incident's. */
  private refersToPrivate(reference: string): boolean {
    const number = referenceNumber(reference);
    return number !== undefined && this.numbers.has(number);
  }

  /** A URL path's incident: a number, or an ID. */
  private namesPrivate(segment: string): boolean {
    return /^\d{1,15}$/.test(segment) ? this.refersToPrivate(segment) : this.ids.has(segment);
  }
}
