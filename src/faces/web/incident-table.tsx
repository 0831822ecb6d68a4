import { duration, incidentUrl, safeHref, serviceUrl } from "./format.js";
import { MaybeLink, When } from "./layout.js";
import type { IncidentRow, SeverityLabel } from "./model.js";
import { SeverityBadge } from "./severity.js";

const secondsBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 1000;

/** "incident.io ↗" to the incident's page there; nothing when it has no safe link. */
export function IncidentIoLink(props: { incident: { reference: string; permalink: string | null } }) {
  const href = safeHref(props.incident.permalink);
  if (!href) return null;
  return (
    <a href={href} class="small external" aria-label={`${props.incident.reference} in incident.io`}>
      incident.io ↗
    </a>
  );
}

/** Incidents as a table (cards on a phone), each linking to its page here and to its incident.io page. */
export function IncidentTable(props: {
  incidents: IncidentRow[];
  severities: readonly SeverityLabel[];
  now: number;
  /** Show the services column (not on a service's own page). */
  showServices?: boolean;
  /** Show when each was resolved and how long it took. */
  showResolved?: boolean;
  caption: string;
}) {
  return (
    <table class="incidents">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Reference</th>
          <th scope="col">Name</th>
          <th scope="col">Severity</th>
          <th scope="col">Status</th>
          {props.showServices ? <th scope="col">Services</th> : null}
          <th scope="col">Created</th>
          {props.showResolved ? <th scope="col">Resolved</th> : null}
          {props.showResolved ? <th scope="col">Took</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.incidents.map((incident) => (
          <tr data-reference={incident.reference}>
            <td data-label="Reference">
              <a href={incidentUrl(incident.id)} class="ref">
                {incident.reference}
              </a>{" "}
              <IncidentIoLink incident={incident} />
              {incident.mode !== "standard" ? <span class="badge tone-0">{incident.mode}</span> : null}
              {incident.private ? (
                <span class="badge warn" title="Private in incident.io: shown only to those allowed">
                  private
                </span>
              ) : null}
            </td>
            <td data-label="Name">
              <a href={incidentUrl(incident.id)}>{incident.name}</a>
            </td>
            <td data-label="Severity">
              <SeverityBadge severity={incident.severity} severities={props.severities} />
            </td>
            <td data-label="Status">
              <span class={`status status-${incident.status.category}`}>{incident.status.name}</span>
            </td>
            {props.showServices ? (
              <td data-label="Services">
                {incident.services.length === 0 ? <span class="muted">–</span> : null}
                {incident.services.map((service, index) => (
                  <>
                    {index > 0 ? ", " : null}
                    <MaybeLink url={service.url ?? (service.ref ? serviceUrl(service.ref) : null)}>
                      {service.name}
                    </MaybeLink>
                  </>
                ))}
              </td>
            ) : null}
            <td data-label="Created">
              <When at={incident.createdAt} now={props.now} />
            </td>
            {props.showResolved ? (
              <td data-label="Resolved">
                <When at={incident.resolvedAt} now={props.now} />
              </td>
            ) : null}
            {props.showResolved ? (
              <td data-label="Took">
                {incident.resolvedAt
                  ? duration(secondsBetween(incident.createdAt, incident.resolvedAt))
                  : "–"}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
