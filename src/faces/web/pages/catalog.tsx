import type { CatalogPageModel } from "../catalog-model.js";
import { Empty, Layout, MaybeLink } from "../layout.js";

/** `/catalog`: how the hub read its catalog: the summary, each problem at its place, skipped files, other kinds. */
export function CatalogPage(props: { model: CatalogPageModel }) {
  const { dir, summary, problems, skippedFiles, others } = props.model;
  return (
    <Layout title="Catalog" section="catalog">
      {dir === null ? (
        <Empty>
          No catalog is configured: give hub.yaml a catalog section with the folder of catalog-info.yaml
          files.
        </Empty>
      ) : (
        <p>
          <span class="strong">{summary}</span>, read from <code>{dir}</code>. An entity with an error is left
          out; a warning leaves it in (a reference to an entity defined elsewhere is kept as written).{" "}
          <code>incidentkit catalog validate --dir {dir}</code> lists the same.
        </p>
      )}
      {problems.length > 0 ? (
        <table class="catalog-problems">
          <caption>Problems</caption>
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Where</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((problem) => (
              <tr data-severity={problem.severity}>
                <td data-label="Severity">
                  <span class={`badge ${problem.severity === "error" ? "bad" : "warn"}`}>
                    {problem.severity}
                  </span>
                </td>
                <td data-label="Where">
                  <code>{problem.where}</code>
                </td>
                <td data-label="Field">{problem.field ? <code>{problem.field}</code> : null}</td>
                <td data-label="Problem">{problem.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {skippedFiles.length > 0 ? (
        <details>
          <summary>{`${skippedFiles.length} skipped ${skippedFiles.length === 1 ? "file" : "files"}`}</summary>
          <ul>
            {skippedFiles.map((skipped) => (
              <li>
                <code>{skipped.file}</code>: {skipped.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {others.length > 0 ? (
        <table class="catalog-others">
          <caption>Other kinds (no page of their own)</caption>
          <thead>
            <tr>
              <th scope="col">Entity</th>
              <th scope="col">Kind</th>
              <th scope="col">Relations</th>
            </tr>
          </thead>
          <tbody>
            {others.map((entity) => (
              <tr data-ref={entity.ref}>
                <td data-label="Entity">
                  <span class="strong">{entity.title ?? entity.ref}</span>
                  {entity.title ? <div class="small muted">{entity.ref}</div> : null}
                </td>
                <td data-label="Kind">{entity.kind}</td>
                <td data-label="Relations">
                  {entity.relations.map((relation) => (
                    <div>
                      {relation.type} <MaybeLink url={relation.url}>{relation.target}</MaybeLink>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Layout>
  );
}
