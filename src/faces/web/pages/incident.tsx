import { absoluteTime, duration, incidentUrl, safeHref } from "../format.js";
import { IncidentIoLink } from "../incident-table.js";
import type {
  ChangeView,
  FindingsView,
  IncidentPageModel,
  SimilarIncidentView,
  Timeline,
} from "../investigation-model.js";
import { Empty, Layout, MaybeLink, When } from "../layout.js";
import { MarkdownBlock } from "../markdown-block.js";
import type { NamedLink } from "../model.js";
import { SeverityBadge } from "../severity.js";
import { PastFollowUps } from "./past-follow-ups.js";

function Links(props: { links: NamedLink[] }) {
  if (props.links.length === 0) return <span class="muted">–</span>;
  return (
    <>
      {props.links.map((link, index) => (
        <>
          {index > 0 ? ", " : null}
          <MaybeLink url={link.url}>{link.name}</MaybeLink>
        </>
      ))}
    </>
  );
}

function Header(props: { model: IncidentPageModel; now: number }) {
  const { incident, priority, severities } = props.model;
  return (
    <dl class="details incident-header">
      <dt>Severity</dt>
      <dd>
        <SeverityBadge severity={incident.severity} severities={severities} />
        {priority ? <span class="badge tone-0 priority">{priority}</span> : null}
      </dd>
      <dt>Status</dt>
      <dd>
        <span class={`status status-${incident.status.category}`}>{incident.status.name}</span>
        {incident.mode !== "standard" ? <span class="badge tone-0">{incident.mode}</span> : null}
        {incident.private ? <span class="badge warn">private</span> : null}
      </dd>
      <dt>Created</dt>
      <dd>
        <When at={incident.createdAt} now={props.now} /> ({absoluteTime(incident.createdAt)})
      </dd>
      <dt>Resolved</dt>
      <dd>
        {incident.resolvedAt ? (
          <>
            <When at={incident.resolvedAt} now={props.now} /> (took{" "}
            {duration((Date.parse(incident.resolvedAt) - Date.parse(incident.createdAt)) / 1000)})
          </>
        ) : (
          "not yet"
        )}
      </dd>
      <dt>Services</dt>
      <dd class="incident-services">
        <Links links={incident.services} />
      </dd>
      {incident.type ? <dt>Type</dt> : null}
      {incident.type ? <dd>{incident.type}</dd> : null}
      <dt>incident.io</dt>
      <dd>
        {safeHref(incident.permalink) ? <IncidentIoLink incident={incident} /> : "no link"}
        <span class="muted small"> (account {incident.account})</span>
      </dd>
    </dl>
  );
}

function TimelineSection(props: { timeline: Timeline; now: number }) {
  const { timeline } = props;
  if (timeline.state === "unavailable") return <Empty>Timeline unavailable: {timeline.reason}.</Empty>;
  if (timeline.entries.length === 0) return <Empty>incident.io has no updates for this incident.</Empty>;
  return (
    <ol class="timeline">
      {timeline.entries.map((entry) => (
        <li>
          <When at={entry.at} now={props.now} /> <strong>{entry.by}</strong>
          {": "}
          {entry.status.changed ? `status → ${entry.status.name}` : `status ${entry.status.name}`}
          {entry.severity
            ? entry.severity.changed
              ? `, severity → ${entry.severity.name}`
              : `, severity ${entry.severity.name}`
            : null}
          {entry.message ? <MarkdownBlock text={entry.message} class="update-message" /> : null}
        </li>
      ))}
    </ol>
  );
}

function SimilarRow(props: { item: SimilarIncidentView }) {
  const { item } = props;
  return (
    <li class="similar" data-reference={item.incident.reference}>
      <strong>{Math.round(item.score * 100)}%</strong>{" "}
      <a href={incidentUrl(item.incident.id)}>
        {item.incident.reference} {item.incident.name}
      </a>{" "}
      <IncidentIoLink incident={item.incident} />
      <div class="muted small">{item.reasons.join(" · ")}</div>
      <div class="resolution">
        How it ended: {item.resolution.status}
        {item.resolution.timeToResolveSeconds !== null
          ? `, resolved in ${duration(item.resolution.timeToResolveSeconds)}`
          : ", not resolved"}
        {item.resolution.notes.map((note) => (
          <div class="note">{note}</div>
        ))}
      </div>
    </li>
  );
}

/** The change's own page (a CI run, a pull request), named by its host. */
function ChangeLink(props: { url: string | null }) {
  const href = safeHref(props.url);
  if (!href) return null;
  return <a href={href}>{href.startsWith("/") ? href : new URL(href).host} ↗</a>;
}

function ChangeRow(props: { change: ChangeView; now: number }) {
  const { change } = props;
  return (
    <li class="change" data-kind={change.kind}>
      <When at={change.happenedAt} now={props.now} /> <strong>{change.reason}</strong>
      {change.viaDependencyOf.length > 0 ? (
        <span class="badge tone-0 via">
          via dependency of <Links links={change.viaDependencyOf} />
        </span>
      ) : null}
      <div>
        {change.description}
        {change.author ? <span class="muted"> by {change.author}</span> : null}{" "}
        <ChangeLink url={change.link} />
      </div>
    </li>
  );
}

function Findings(props: { findings: FindingsView | null; now: number }) {
  const { findings } = props;
  if (!findings) return <Empty>No investigation yet.</Empty>;
  return (
    <div class="findings">
      <p class="muted small">
        Investigated <When at={findings.at} now={props.now} />
      </p>
      <p>{findings.summary}</p>
      {findings.causes.length > 0 ? <h3>Probable causes</h3> : null}
      <ol>
        {findings.causes.map((cause) => (
          <li>
            <strong>{cause.title}</strong> <span class="muted small">({cause.confidence} confidence)</span>
            <ul>
              {cause.evidence.map((item) => (
                <li>
                  <MaybeLink url={item.link}>{item.text}</MaybeLink>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <PastFollowUps view={findings.pastFollowUps} />
      {findings.nextSteps.length > 0 ? <h3>Suggested next steps</h3> : null}
      <ul>
        {findings.nextSteps.map((step) => (
          <li>{step}</li>
        ))}
      </ul>
      {findings.warnings.length > 0 ? (
        <ul class="muted small">
          {findings.warnings.map((warning) => (
            <li>Not read: {warning}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** `/incidents/:id`: one incident, its timeline, findings, similar incidents and the changes before it. */
export function IncidentPage(props: { model: IncidentPageModel; now: number }) {
  const { model, now } = props;
  const { incident, similar, changes } = model;
  return (
    <Layout title={`${incident.reference}: ${incident.name}`} section="incidents">
      <Header model={model} now={now} />
      {incident.private ? (
        <p class="private-note">
          <span class="badge warn">private</span> This incident is private in incident.io. The hub shows it
          only to the people its configuration allows private incidents (<code>auth.private_incidents</code>),
          and never draws on it for other incidents' similar incidents or findings, for analytics or for
          scorecards.
        </p>
      ) : null}
      {incident.summary ? <MarkdownBlock text={incident.summary} class="summary" /> : null}
      {incident.findingsInSummary ? (
        <p class="muted small findings-note">
          The findings incidentkit appended to this summary in incident.io are shown under{" "}
          <a href="#findings">Findings</a>.
        </p>
      ) : null}

      <section aria-labelledby="findings">
        <h2 id="findings">Findings</h2>
        <Findings findings={model.findings} now={now} />
      </section>

      <section aria-labelledby="changes">
        <h2 id="changes">Changes in the {changes.windowHours} h before</h2>
        {changes.items.length === 0 ? (
          <Empty>
            No changes to its services or their dependencies were recorded between{" "}
            {absoluteTime(changes.from)} and {absoluteTime(changes.to)}.
          </Empty>
        ) : (
          <ul class="plain changes">
            {changes.items.map((change) => (
              <ChangeRow change={change} now={now} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="similar">
        <h2 id="similar">Similar incidents</h2>
        {similar.results.length === 0 ? (
          <Empty>
            No past incident scores {Math.round(similar.threshold * 100)}% or more ({similar.considered}{" "}
            compared).
          </Empty>
        ) : (
          <ol class="plain similar-incidents">
            {similar.results.map((item) => (
              <SimilarRow item={item} />
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="timeline">
        <h2 id="timeline">Timeline</h2>
        <TimelineSection timeline={model.timeline} now={now} />
      </section>
    </Layout>
  );
}
