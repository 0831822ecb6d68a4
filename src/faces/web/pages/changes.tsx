import type { ChangeRow, ChangesPageModel } from "../changes-model.js";
import { safeHref } from "../format.js";
import { Empty, Layout, When } from "../layout.js";
import { EntityName } from "./services.js";

const SINCE_CHOICES: Array<[string, string]> = [
  ["", "Any time"],
  ["24h", "24 hours"],
  ["7d", "7 days"],
  ["30d", "30 days"],
  ["90d", "90 days"],
];

/** The change's own page (a CI run, a pull request), named by its host. */
function ChangeLink(props: { url: string | null }) {
  const href = safeHref(props.url);
  if (!href) return <span class="muted">–</span>;
  return (
    <a href={href} rel="noopener noreferrer" class="external">
      {href.startsWith("/") ? href : new URL(href).host} ↗
    </a>
  );
}

function Environment(props: { change: ChangeRow }) {
  const { environment, production } = props.change;
  if (environment === null) return <span class="muted">–</span>;
  return <span class={production === false ? "badge tone-0" : "badge tone-1"}>{environment}</span>;
}

function Filters(props: { model: ChangesPageModel }) {
  const { filter, services } = props.model;
  const known = filter.service === null || services.some((service) => service.ref === filter.service);
  const since = filter.since ?? "";
  const sinceChoices = SINCE_CHOICES.some(([value]) => value === since)
    ? SINCE_CHOICES
    : [...SINCE_CHOICES, [since, since] as [string, string]];
  return (
    <search>
      <form method="get" action="/changes" class="filters">
        <div class="field">
          <label for="changes-service">Service</label>
          <select id="changes-service" name="service">
            <option value="">Any</option>
            {services.map((service) => (
              <option value={service.ref} selected={filter.service === service.ref}>
                {service.name}
              </option>
            ))}
            {known ? null : (
              <option value={filter.service ?? ""} selected>
                {filter.service}
              </option>
            )}
          </select>
        </div>
        <div class="field">
          <label for="changes-since">Since</label>
          <select id="changes-since" name="since">
            {sinceChoices.map(([value, label]) => (
              <option value={value} selected={since === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit">Show</button>
          {filter.service !== null || filter.since !== null ? <a href="/changes">Clear filters</a> : null}
        </div>
      </form>
    </search>
  );
}

/** `/changes` in a browser: the changes the hub recorded, newest first (machines get the same list as JSON). */
export function ChangesPage(props: { model: ChangesPageModel; now: number }) {
  const { model, now } = props;
  const filtered = model.filter.service !== null || model.filter.since !== null;
  return (
    <Layout title="Changes" section="changes">
      <p class="muted">
        Deploys, feature flags and configuration changes, as pipelines and GitHub reported them to this hub.
        An incident's page lists those to its services in the hours before it.
      </p>
      <Filters model={model} />
      {model.problems.length > 0 ? (
        <ul class="form-error" role="alert">
          {model.problems.map((problem) => (
            <li>{problem}</li>
          ))}
        </ul>
      ) : null}
      {model.changes.length === 0 ? (
        filtered ? (
          <Empty>
            No change matches these filters. <a href="/changes">Clear the filters</a> to see every change.
          </Empty>
        ) : (
          <Empty>
            No changes recorded yet. Deploy pipelines send them with POST /changes (the hub's changes token)
            or incidentkit changes add; GitHub with a deployment_status webhook to POST /changes/github.
          </Empty>
        )
      ) : (
        <table class="changes">
          <caption class="visually-hidden">{`The ${model.changes.length} most recent changes`}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Service</th>
              <th scope="col">Change</th>
              <th scope="col">Environment</th>
              <th scope="col">Link</th>
            </tr>
          </thead>
          <tbody>
            {model.changes.map((change) => (
              <tr data-change={change.id} data-kind={change.kind}>
                <td data-label="When">
                  <When at={change.happenedAt} now={now} />
                </td>
                <td data-label="Service">
                  <EntityName link={change.service} />
                </td>
                <td data-label="Change">
                  <span class="badge tone-0">{change.kind.replace("_", " ")}</span>{" "}
                  {change.description || <span class="muted">no description</span>}
                  <div class="muted small">
                    {change.author ? `by ${change.author}, ` : ""}via {change.source}
                  </div>
                </td>
                <td data-label="Environment">
                  <Environment change={change} />
                </td>
                <td data-label="Link">
                  <ChangeLink url={change.link} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {model.changes.length >= model.filter.limit ? (
        <p class="muted small">Showing the {model.filter.limit} most recent; narrow by service or time.</p>
      ) : null}
    </Layout>
  );
}
