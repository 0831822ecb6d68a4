import { duration, plural } from "../format.js";
import { Empty, Layout, When } from "../layout.js";
import type { SyncAccountView, SyncPageModel } from "../model.js";

function Backfill(props: { account: SyncAccountView }) {
  const { account } = props;
  const total = account.backfillTotal === null ? "" : ` of ${account.backfillTotal.toLocaleString("en")}`;
  if (account.inProgress) {
    return (
      <span>
        In progress: {account.backfilled.toLocaleString("en")}
        {total} fetched
      </span>
    );
  }
  return <span>{plural(account.backfilled, "incident")} backfilled</span>;
}

/** `/sync`: for each incident.io account, when the mirror last synced, how far behind it is and what failed. */
export function SyncPage(props: { model: SyncPageModel; now: number }) {
  const { accounts } = props.model;
  return (
    <Layout title="Sync status" section="sync">
      {accounts.length === 0 ? (
        <Empty>
          No incident.io account is being mirrored yet. Configure an account (set INCIDENT_IO_API_KEY, or add
          one with incidentkit accounts add) and restart the hub; with none, the demo hub mirrors its local
          emulator.
        </Empty>
      ) : (
        <table class="sync">
          <caption class="visually-hidden">Sync status per account</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">State</th>
              <th scope="col">Last success</th>
              <th scope="col">Lag</th>
              <th scope="col">Backfill</th>
              <th scope="col">Mirrored</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr data-account={account.account}>
                <td data-label="Account" class="strong">
                  {account.account}
                </td>
                <td data-label="State">
                  {account.failing ? (
                    <span class="badge bad">Failing</span>
                  ) : account.inProgress ? (
                    <span class="badge tone-1">Backfilling</span>
                  ) : account.lastSuccessAt ? (
                    <span class="badge ok">OK</span>
                  ) : (
                    <span class="badge tone-0">Not synced yet</span>
                  )}
                </td>
                <td data-label="Last success">
                  {account.lastSuccessAt ? <When at={account.lastSuccessAt} now={props.now} /> : "never"}
                </td>
                <td data-label="Lag">{duration(account.lagSeconds)}</td>
                <td data-label="Backfill">
                  <Backfill account={account} />
                </td>
                <td data-label="Mirrored">{account.incidents.toLocaleString("en")}</td>
                <td data-label="Last error">
                  {account.lastError ? (
                    <div class={account.failing ? "error-text" : "muted"}>
                      <When at={account.lastError.at} now={props.now} />: {account.lastError.message}
                      {account.lastError.hint ? (
                        <div class="hint">What to do: {account.lastError.hint}</div>
                      ) : null}
                      {account.failing ? null : <div class="small">(has succeeded since)</div>}
                    </div>
                  ) : (
                    <span class="muted">none</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
