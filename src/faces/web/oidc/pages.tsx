import { MessagePage } from "../pages/message.js";

/** Sign-in did not work out (a stale or forged callback, the provider's refusal): why, and a way to start again. */
export function SignInFailedPage(props: { problem: string }) {
  return (
    <MessagePage title="Sign-in failed">
      <p>{props.problem}</p>
      <p>
        <a href="/sign-in">Sign in again</a>
      </p>
    </MessagePage>
  );
}

/** The provider signed someone in whom this hub's config does not let in: who, why, and what would change it. */
export function RefusedPage(props: { who: string; provider: string; why: string }) {
  return (
    <MessagePage title="Not allowed on this hub">
      <p>
        You signed in at {props.provider} as <strong>{props.who}</strong>, and this hub's config does not
        allow you in: {props.why}.
      </p>
      <p>
        Whoever runs the hub decides who may use it (auth.allowed_domains and auth.allowed_groups in its
        hub.yaml). To use another account, <a href="/sign-in?prompt=login">sign in again</a>.
      </p>
    </MessagePage>
  );
}

/** Sign-in cannot start: the provider has not been reached yet. */
export function SignInUnavailablePage(props: { problem: string }) {
  return (
    <MessagePage title="Sign-in is unavailable">
      <p>Sign-in is unavailable: {props.problem}.</p>
    </MessagePage>
  );
}

export function SignedOutPage(props: { provider: string }) {
  return (
    <MessagePage title="Signed out">
      <p>
        You are signed out of this hub (you may still be signed in at {props.provider}).{" "}
        <a href="/sign-in">Sign in again</a>
      </p>
    </MessagePage>
  );
}

/**
 * The callback's answer: a page of the hub's own that moves on to where the person was going. A redirect would not
 * do: that navigation would still count as coming from the provider's site, and the browser would leave out the
 * `SameSite=Strict` session cookie just set, sending the person back to sign in.
 */
export function ContinuePage(props: { next: string; who: string }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="refresh" content={`0;url=${props.next}`} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Signed in · incidentkit</title>
        <link rel="stylesheet" href="/assets/style.css" />
      </head>
      <body>
        <main>
          <p>
            Signed in as {props.who}. <a href={props.next}>Continue</a>
          </p>
        </main>
      </body>
    </html>
  );
}
