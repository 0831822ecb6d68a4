import type { PastFollowUpsView } from "../investigation-model.js";
import { MaybeLink } from "../layout.js";

/** "Last time this happened, these were the follow-ups": the findings' list of what similar incidents left. */
export function PastFollowUps(props: { view: PastFollowUpsView | null }) {
  const { view } = props;
  if (!view) return null;
  return (
    <div class="past-follow-ups">
      <h3>Follow-ups from similar incidents</h3>
      {view.headline ? <p>{view.headline}</p> : null}
      {view.headline === null && view.unread.length === 0 ? (
        <p class="muted">None: the similar incidents left no follow-ups.</p>
      ) : null}
      <ul>
        {view.incidents.map((incident) => (
          <li>
            <MaybeLink url={incident.permalink}>{incident.reference}</MaybeLink> {incident.name}{" "}
            <span class="muted small">
              ({incident.total} follow-ups, {incident.outstanding} open)
            </span>
            <ul>
              {incident.followUps.map((followUp) => (
                <li>
                  {followUp.status === "outstanding" ? (
                    <strong>{followUp.status}</strong>
                  ) : (
                    <span class="muted">{followUp.status}</span>
                  )}
                  : {followUp.title}
                  {followUp.priority || followUp.assignee ? (
                    <span class="muted small">
                      {" "}
                      ({[followUp.priority, followUp.assignee].filter(Boolean).join(", ")})
                    </span>
                  ) : null}
                  {followUp.issue ? (
                    <>
                      {" "}
                      <MaybeLink url={followUp.issue.link}>{followUp.issue.name}</MaybeLink>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {view.unread.length > 0 ? (
        <p class="muted small">The follow-ups of {view.unread.join(", ")} could not be read.</p>
      ) : null}
    </div>
  );
}
