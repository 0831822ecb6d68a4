import { Layout, NAV } from "../layout.js";

/** The page for an address the UI does not have: what was asked, and the way back to every section. */
export function NotFoundPage(props: { path: string }) {
  return (
    <Layout title="Page not found" section={null}>
      <div class="empty not-found">
        <p>
          This hub has no page at <code>{props.path}</code>. The address may be mistyped, or come from a link
          to a page that is gone.
        </p>
        <p>Go to:</p>
        <ul class="way-back">
          {NAV.map(([, label, href]) => (
            <li>
              <a href={href}>{label}</a>
            </li>
          ))}
        </ul>
        <p class="small">
          A service is at /services/ and its catalog reference (component:default/payments-api, or the
          component:payments-api that catalog list prints); an incident at /incidents/ and its reference
          (INC-123).
        </p>
      </div>
    </Layout>
  );
}
