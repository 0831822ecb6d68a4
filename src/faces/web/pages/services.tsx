import { serviceUrl } from "../format.js";
import { Empty, Layout, MaybeLink } from "../layout.js";
import type { NamedLink, ServicesListModel } from "../model.js";
import { SeverityBadge } from "../severity.js";

/** An entity link: its page when it is in the catalog, else its own address, else its name. */
export function EntityName(props: { link: NamedLink | null }) {
  if (props.link === null) return <span class="muted">–</span>;
  return (
    <MaybeLink url={props.link.url ?? (props.link.ref ? serviceUrl(props.link.ref) : null)}>
      {props.link.name}
    </MaybeLink>
  );
}

/** `/`: every catalog entity with its owner, open incidents, scorecard levels and mapping. */
export function ServicesPage(props: { model: ServicesListModel }) {
  const { services, severities, catalogDir } = props.model;
  return (
    <Layout title="Services" section="services">
      {services.length === 0 ? (
        <Empty>
          No services yet: add catalog files (Backstage <code>catalog-info.yaml</code>, kinds Component,
          System and Group) to{" "}
          {catalogDir ? <code>{catalogDir}</code> : "the folder the hub's catalog setting names"} and restart
          the hub.
        </Empty>
      ) : (
        <table class="services">
          <caption class="visually-hidden">Services in the catalog</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Kind</th>
              <th scope="col">Owner</th>
              <th scope="col">System</th>
              <th scope="col">Open incidents</th>
              <th scope="col">Scorecards</th>
              <th scope="col">incident.io mapping</th>
            </tr>
          </thead>
          <tbody>
            {services.map((service) => (
              <tr data-ref={service.ref}>
                <td data-label="Service">
                  <a href={serviceUrl(service.ref)} class="strong">
                    {service.title ?? service.name}
                  </a>
                  <div class="muted small">{service.ref}</div>
                </td>
                <td data-label="Kind">{service.kind}</td>
                <td data-label="Owner">
                  <EntityName link={service.owner} />
                </td>
                <td data-label="System">
                  <EntityName link={service.system} />
                </td>
                <td data-label="Open incidents">
                  <span class={service.openIncidents > 0 ? "count strong" : "count muted"}>
                    {service.openIncidents}
                  </span>
                  {service.worstOpenSeverity ? " " : null}
                  {service.worstOpenSeverity ? (
                    <SeverityBadge severity={service.worstOpenSeverity} severities={severities} />
                  ) : null}
                </td>
                <td data-label="Scorecards">
                  {service.scorecards.length === 0 ? <span class="muted">–</span> : null}
                  {service.scorecards.length === 0 ? null : (
                    <ul class="plain">
                      {service.scorecards.map((card) => (
                        <li>
                          {card.scorecard}:{" "}
                          <span class={card.level ? "level" : "level none"}>{card.level ?? "no level"}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td data-label="Mapping">
                  {service.mapping.state === "mapped" ? (
                    <span class="ok">
                      Mapped{service.mapping.value ? ` as “${service.mapping.value}”` : ""}
                    </span>
                  ) : (
                    <span class="warn">Not mapped</span>
                  )}
                  {service.mapping.account ? (
                    <div class="muted small">account {service.mapping.account}</div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
