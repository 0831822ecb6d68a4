import { IncidentTable } from "../incident-table.js";
import { Empty, Layout, Pager } from "../layout.js";
import type { IncidentFilters, IncidentsListModel } from "../model.js";

/** The filters as query parameters, as the filter form names them. */
export function filterQuery(filters: IncidentFilters): Record<string, string | undefined> {
  return {
    status: filters.statusCategory,
    severity: filters.severity,
    service: filters.service,
    account: filters.account,
    from: filters.createdFrom,
    to: filters.createdTo,
    q: filters.text,
  };
}

function Select(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: Array<[string, string]>;
}) {
  return (
    <div class="field">
      <label for={`filter-${props.name}`}>{props.label}</label>
      <select id={`filter-${props.name}`} name={props.name}>
        <option value="">Any</option>
        {props.options.map(([value, label]) => (
          <option value={value} selected={props.value === value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** `/incidents`: the mirrored incidents, filtered and paged, each linking to incident.io. */
export function IncidentsPage(props: { model: IncidentsListModel; now: number; problems: string[] }) {
  const { model, now } = props;
  const { filters, options } = model;
  const filtered = Object.values(filterQuery(filters)).some((value) => value !== undefined);
  return (
    <Layout title="Incidents" section="incidents">
      <search>
        <form method="get" action="/incidents" class="filters">
          <div class="field grow">
            <label for="filter-q">Text</label>
            <input
              id="filter-q"
              name="q"
              type="search"
              value={filters.text ?? ""}
              placeholder="reference, name or summary"
            />
          </div>
          <Select
            name="status"
            label="Status"
            value={filters.statusCategory}
            options={options.statusCategories.map((c) => [c, c])}
          />
          <Select
            name="severity"
            label="Severity"
            value={filters.severity}
            options={[...options.severities].sort((a, b) => b.rank - a.rank).map((s) => [s.name, s.name])}
          />
          <Select
            name="service"
            label="Service"
            value={filters.service}
            options={options.services.map((s) => [s.ref, s.name])}
          />
          {options.accounts.length > 1 ? (
            <Select
              name="account"
              label="Account"
              value={filters.account}
              options={options.accounts.map((a) => [a, a])}
            />
          ) : null}
          <div class="field">
            <label for="filter-from">Created from</label>
            <input id="filter-from" name="from" type="date" value={filters.createdFrom ?? ""} />
          </div>
          <div class="field">
            <label for="filter-to">Created to</label>
            <input id="filter-to" name="to" type="date" value={filters.createdTo ?? ""} />
          </div>
          <div class="actions">
            <button type="submit">Filter</button>
            {filtered ? <a href="/incidents">Clear filters</a> : null}
          </div>
        </form>
      </search>
      {props.problems.length > 0 ? (
        <ul class="form-error" role="alert">
          {props.problems.map((problem) => (
            <li>{problem}</li>
          ))}
        </ul>
      ) : null}
      {model.results.total === 0 ? (
        model.mirrored === 0 ? (
          <Empty>
            No incidents have been mirrored yet. The <a href="/sync">Sync</a> page shows whether each
            incident.io account has synced, and why not.
          </Empty>
        ) : (
          <Empty>
            No incidents match these filters. <a href="/incidents">Clear the filters</a> to see all{" "}
            {model.mirrored.toLocaleString("en")}.
          </Empty>
        )
      ) : (
        <>
          <IncidentTable
            incidents={model.results.items}
            severities={options.severities}
            now={now}
            showServices
            caption="Incidents"
          />
          <Pager page={model.results} path="/incidents" param="page" query={filterQuery(filters)} />
        </>
      )}
    </Layout>
  );
}
