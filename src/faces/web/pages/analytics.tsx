import type { MttrReport } from "../../../investigate/analytics/index.js";
import { IncidentsChart } from "../chart.js";
import { absoluteTime, duration, plural } from "../format.js";
import type { AnalyticsPageModel } from "../investigation-model.js";
import { Empty, Layout } from "../layout.js";

function MttrTable(props: { report: MttrReport; heading: string; caption: string }) {
  const { report } = props;
  const priorities = report.by === "severity";
  return (
    <table class="mttr" data-by={report.by}>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.heading}</th>
          {priorities ? <th scope="col">Priority</th> : null}
          <th scope="col">Mean</th>
          <th scope="col">Median</th>
          <th scope="col">p95</th>
          <th scope="col">Resolved</th>
          <th scope="col">Open</th>
        </tr>
      </thead>
      <tbody>
        {report.rows.map((row) => (
          <tr data-key={row.key}>
            <th scope="row" data-label={props.heading}>
              {row.label}
            </th>
            {priorities ? <td data-label="Priority">{row.priority ?? "–"}</td> : null}
            <td data-label="Mean">{duration(row.meanSeconds)}</td>
            <td data-label="Median">{duration(row.medianSeconds)}</td>
            <td data-label="p95">{duration(row.p95Seconds)}</td>
            <td data-label="Resolved">{row.resolved}</td>
            <td data-label="Open">{row.open}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `/analytics`: time to resolve by severity and by service or team, and incidents per month, over a window. */
export function AnalyticsPage(props: { model: AnalyticsPageModel }) {
  const { model } = props;
  const { bySeverity, byGroup, query } = model;
  const all = bySeverity.all;
  return (
    <Layout title="Analytics" section="analytics">
      <form method="get" action="/analytics" class="filters">
        <div class="field">
          <label for="analytics-since">Window</label>
          <input id="analytics-since" name="since" type="text" value={query.since} size={6} />
        </div>
        {model.accounts.length > 0 ? (
          <div class="field">
            <label for="analytics-account">Account</label>
            <select id="analytics-account" name="account">
              {model.accounts.map((account) => (
                <option value={account} selected={query.account === account}>
                  {account}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div class="field">
          <label for="analytics-by">Group by</label>
          <select id="analytics-by" name="by">
            <option value="service" selected={query.by === "service"}>
              Service
            </option>
            <option value="team" selected={query.by === "team"}>
              Team
            </option>
          </select>
        </div>
        <div class="actions">
          <button type="submit">Show</button>
        </div>
      </form>
      {model.problems.length > 0 ? (
        <ul class="form-error" role="alert">
          {model.problems.map((problem) => (
            <li>{problem}</li>
          ))}
        </ul>
      ) : null}
      <p class="muted">
        Incidents created from {absoluteTime(model.window.from)} to {absoluteTime(model.window.to)}:{" "}
        {plural(all.resolved, "resolved incident")}, {all.open} still open
        {bySeverity.excluded > 0
          ? `; ${plural(bySeverity.excluded, "test or declined incident")} left out`
          : ""}
        . p95 is the nearest-rank percentile.
      </p>

      <section aria-labelledby="mttr-severity">
        <h2 id="mttr-severity">Time to resolve by severity</h2>
        {bySeverity.rows.length === 0 ? (
          <Empty>No incidents were created in this window.</Empty>
        ) : (
          <MttrTable report={bySeverity} heading="Severity" caption="Time to resolve by severity" />
        )}
      </section>

      <section aria-labelledby="mttr-group">
        <h2 id="mttr-group">Time to resolve by {query.by}</h2>
        {byGroup === null ? (
          <Empty>The hub has no catalog, so incidents have no service or team.</Empty>
        ) : byGroup.rows.length === 0 ? (
          <Empty>No incidents were created in this window.</Empty>
        ) : (
          <MttrTable
            report={byGroup}
            heading={query.by === "service" ? "Service" : "Team"}
            caption={`Time to resolve by ${query.by}`}
          />
        )}
      </section>

      <section aria-labelledby="per-month">
        <h2 id="per-month">Incidents per month</h2>
        <IncidentsChart data={model.perMonth} />
      </section>
    </Layout>
  );
}
