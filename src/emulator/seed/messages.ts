import { type FailureFamily, fill } from "./family.js";
import type { Random } from "./random.js";
import type { Step } from "./timeline.js";

/** Short update messages in the voice of an on-call engineer; the family supplies the specifics. */
const GENERAL: Partial<Record<Step["topic"], string[]>> = {
  accept: [
    "Confirmed this is real. ",
    "Accepting: impact confirmed. ",
    "Support confirmed customer reports. ",
    "",
  ],
  monitoring: [
    "Fix is out, monitoring. ",
    "Mitigation deployed; watching {errors} for the next hour. ",
    "Looks better. Keeping an eye on it. ",
  ],
  resolve: [
    "Resolved. Metrics have been normal for 30 minutes.",
    "Impact is over. Moving to the write-up.",
    "All clear: {errors} back to baseline.",
    "Resolving; follow-ups to be captured in the debrief.",
  ],
  close: [
    "Debrief done and follow-ups created. Closing.",
    "Post-incident review complete.",
    "Write-up published; closing the incident.",
  ],
  decline: [
    "Not an incident: expected behaviour during the maintenance window.",
    "Declining: a single customer's configuration issue, handed to support.",
    "False alarm; the monitor's threshold was too tight.",
  ],
  merge: [
    "Duplicate of an ongoing incident; merging.",
    "Same root issue as the open incident, merging into it.",
  ],
  cancel: ["Declared by mistake.", "Cancelling: this was a test alert.", "Wrong workspace, cancelling."],
  pause: [
    "Pausing until the vendor comes back to us.",
    "Mitigated for now; pausing until the fix can ship in business hours.",
    "Waiting on a third party; pausing.",
  ],
  triage: [
    "Support is checking whether {customers} are affected.",
    "Looking at this to decide whether it's an incident.",
  ],
  severity: [
    "Raising severity: impact is wider than we first thought.",
    "Bumping severity, more {customers} affected.",
    "Escalating: this now affects checkout.",
  ],
  retrospective: [
    "Declared retrospectively to record what happened.",
    "Recording this after the fact for the review.",
  ],
};

export function updateMessage(rng: Random, family: FailureFamily, topic: Step["topic"]): string {
  switch (topic) {
    case "accept":
      return (
        fill(rng.pick(GENERAL.accept ?? []), family, rng) + fill(rng.pick(family.findings), family, rng)
      ).trim();
    case "finding":
      return fill(rng.pick(family.findings), family, rng);
    case "fixing":
      return fill(rng.pick(family.fixes), family, rng);
    case "monitoring":
      return (
        fill(rng.pick(GENERAL.monitoring ?? []), family, rng) + fill(rng.pick(family.fixes), family, rng)
      );
    default:
      return fill(rng.pick(GENERAL[topic] ?? ["Update."]), family, rng);
  }
}
