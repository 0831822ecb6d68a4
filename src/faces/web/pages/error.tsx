import type { ErrorView } from "../error-view.js";
import { hintSentence } from "../error-view.js";
import { Layout } from "../layout.js";

/**
 * The page for a request the hub could not answer: what went wrong and what to do about it, from the error
 * family's fields (never a stack), and whether trying again can help.
 */
export function ErrorPage(props: { view: ErrorView }) {
  const { view } = props;
  const title =
    view.status === 404 ? "Not found" : view.status === 400 ? "Cannot show this" : "Something went wrong";
  return (
    <Layout title={title} section={null}>
      <div class="empty">
        <p>This page could not be built: {view.message.replace(/\.$/, "")}.</p>
        <p class="hint">{hintSentence(view.hint)}</p>
        {view.known && view.retryable ? <p class="small">Reloading later may succeed.</p> : null}
      </div>
    </Layout>
  );
}
