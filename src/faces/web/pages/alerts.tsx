import { queryString } from "../format.js";
import { Empty, Layout, MaybeLink, When } from "../layout.js";
import type { AlertRow, AlertsPageModel } from "../model.js";

const DELIVERY_TONE: Record<string, string> = {
  delivered: "ok",
  failed: "bad",
  retrying: "warn",
  waiting_for_key: "warn",
  pending: "tone-1",
};

function Delivery(props: { alert: AlertRow }) {
  const delivery = props.alert.delivery;
  if (!delivery) return <span class="muted">–</span>;
  return (
    <div>
      <span class={`badge ${DELIVERY_TONE[delivery.state] ?? "tone-0"}`}>
        {delivery.state.replaceAll("_", " ")}
      </span>
      {delivery.detail ? <div class="small">{delivery.detail}</div> : null}
      {delivery.fix ? <div class="hint">Fix: {delivery.fix}</div> : null}
    </div>
  );
}

/** The group's incident: linked where the mirror knows its page; a private one withheld, named by no reference. */
function Incident(props: { incident: AlertRow["incident"] }) {
  const { incident } = props;
  if (incident === null) return <span class="muted">–</span>;
  if (incident === "private") {
    return (
      <span
        class="muted"
        title="Private in incident.io: shown to those the hub's auth.private_incidents names"
      >
        private incident
      </span>
    );
  }
  return <MaybeLink url={incident.permalink}>{incident.reference}</MaybeLink>;
}

/** `/alerts`: the alerts the hub received, newest first, with each decision and its incident. */
export function AlertsPage(props: { model: AlertsPageModel; now: number }) {
  const { alerts, sources, filter } = props.model;
  return (
    <Layout title="Alert history" section="alerts">
      {sources.length > 1 ? (
        <form method="get" action="/alerts" class="filters">
          <div class="field">
            <label for="alerts-source">Source</label>
            <select id="alerts-source" name="source">
              <option value="">Any</option>
              {sources.map((source) => (
                <option value={source} selected={filter.source === source}>
                  {source}
                </option>
              ))}
            </select>
          </div>
          <div class="actions">
            <button type="submit">Show</button>
          </div>
        </form>
      ) : null}
      {alerts.length === 0 ? (
        <Empty>
          No alerts yet{filter.source ? ` from ${filter.source}` : ""}. Point Alertmanager, Grafana or a
          script at POST /alerts/&lt;source&gt; on this hub with the source's bearer token, or run incidentkit
          alerts test.
        </Empty>
      ) : (
        <table class="alerts">
          <caption class="visually-hidden">{`The ${alerts.length} most recent alerts`}</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Source</th>
              <th scope="col">Alert</th>
              <th scope="col">Decision</th>
              <th scope="col">Incident</th>
              <th scope="col">Delivery</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((alert) => (
              <tr data-alert={alert.id}>
                <td data-label="Received">
                  <When at={alert.receivedAt} now={props.now} />
                </td>
                <td data-label="Source">{alert.source}</td>
                <td data-label="Alert">
                  <span class="strong">{alert.title}</span>{" "}
                  <span class={`status status-${alert.status}`}>{alert.status}</span>
                  <div class="muted small">
                    dedup key <code>{alert.dedupKey}</code>
                    {alert.severity ? `, severity ${alert.severity}` : ""}
                  </div>
                </td>
                <td data-label="Decision">
                  {alert.decision ?? <span class="muted">–</span>}
                  {alert.rule ? <div class="muted small">rule {alert.rule}</div> : null}
                  {alert.reason ? <div class="small">{alert.reason}</div> : null}
                </td>
                <td data-label="Incident">
                  <Incident incident={alert.incident} />
                </td>
                <td data-label="Delivery">
                  <Delivery alert={alert} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted small">
        Showing up to {filter.limit} alerts.{" "}
        <a href={`/alerts${queryString({ source: filter.source, limit: Math.min(1000, filter.limit * 5) })}`}>
          Show more
        </a>
      </p>
    </Layout>
  );
}
