import { Layout } from "../layout.js";

/** `/sign-in`: the admin token, for hubs whose `auth` is `token`. */
export function SignInPage(props: { token: string; next: string; problem: string | null }) {
  return (
    <Layout title="Sign in" section={null}>
      <form method="post" action="/sign-in" class="declare" novalidate>
        <input type="hidden" name="token" value={props.token} />
        <input type="hidden" name="next" value={props.next} />
        {props.problem ? (
          <div class="form-error" role="alert">
            {props.problem}
          </div>
        ) : null}
        <div class="field">
          <label for="sign-in-secret">The hub's admin token</label>
          <input id="sign-in-secret" name="secret" type="password" autocomplete="current-password" required />
        </div>
        <div class="actions">
          <button type="submit">Sign in</button>
        </div>
      </form>
    </Layout>
  );
}
