import type { Child } from "hono/jsx";
import { Layout, type Section } from "../layout.js";

/** A page that only says something: not found, refused, failed. */
export function MessagePage(props: { title: string; section?: Section | null; children?: Child }) {
  return (
    <Layout title={props.title} section={props.section ?? null}>
      <div class="empty">{props.children}</div>
    </Layout>
  );
}
