/**
 * Alertmanager webhook notifications (payload version 4) as a Kubernetes cluster monitored by kube-prometheus-stack
 * sends them for kubernetes-mixin's KubePodCrashLooping (kubernetes-monitoring/kubernetes-mixin,
 * alerts/apps_alerts.libsonnet at aa38e2bfa7ea6ec6870420b483046afe790a6411): the rule's expression, annotations
 * and runbook link; the labels of the kube-state-metrics series it fires on (container, namespace, pod, reason,
 * uid, and the scrape's endpoint, instance, job, service); the external labels (cluster, env, prometheus); and
 * Alertmanager's own fields (fingerprint, groupKey, groupLabels, commonLabels…). The rule says `warning`; here it
 * is `critical` in production, so every alert meets the hub's paging rule rather than being ignored.
 *
 * Deterministic: notification `group` is always the same body, and no two groups share an alert.
 */

const ALERTNAME = "KubePodCrashLooping";
const EXPR =
  'max_over_time(kube_pod_container_status_waiting_reason{job="kube-state-metrics",namespace=~".*",reason="CrashLoopBackOff"}[5m]) >= 1';
/** Prometheus links each alert to its rule's expression (util/strutil, TableLinkForExpression). */
const GENERATOR_URL = `http://kube-prometheus-stack-prometheus.monitoring:9090/graph?${new URLSearchParams({
  "g0.expr": EXPR,
  "g0.tab": "1",
})}`;
const RUNBOOK = "https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping";
const EXTERNAL = {
  cluster: "prod-eu-west-1",
  env: "production",
  prometheus: "monitoring/kube-prometheus-stack-prometheus",
};
const DEPLOYMENTS = ["api", "worker", "checkout", "search", "cart", "ledger", "notifier", "gateway"];

/** One entry of `alerts[]`. */
export interface AlertmanagerAlert {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

export interface AlertmanagerNotification {
  receiver: string;
  status: "firing" | "resolved";
  alerts: AlertmanagerAlert[];
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  version: "4";
  groupKey: string;
  truncatedAlerts: number;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/**
 * Alertmanager's fingerprint of an alert: FNV-1a (64 bits) over the label names in order, each name and value
 * followed by the byte 0xff (prometheus/common, model.LabelSet.Fingerprint), in 16 hex digits. It gives that
 * package's test values: {fear: "love is not enough", name: "garland, briggs"} is 5799056148416392346.
 */
export function fingerprintOf(labels: Record<string, string>): string {
  let hash = FNV_OFFSET;
  const add = (byte: number) => {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const byte of Buffer.from(name)) add(byte);
    add(0xff);
    for (const byte of Buffer.from(labels[name] ?? "")) add(byte);
    add(0xff);
  }
  return hash.toString(16).padStart(16, "0");
}

/** A stable pseudo-random lowercase alphanumeric string of `length`, from `seed`, as Kubernetes names pods. */
function suffix(seed: number, length: number): string {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  let state = (seed * 2654435761) >>> 0;
  let out = "";
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

function uid(seed: number): string {
  const hex = [1, 2, 3, 4].map((k) =>
    ((seed * 40503 * k + 0x9e3779b9 * k) >>> 0).toString(16).padStart(8, "0"),
  );
  const all = hex.join("");
  return `${all.slice(0, 8)}-${all.slice(8, 12)}-4${all.slice(13, 16)}-a${all.slice(17, 20)}-${all.slice(20, 32)}`;
}

function sorted(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Notification `group`: `size` pods of one namespace crash looping, as Alertmanager sends them to a webhook. */
export function alertmanagerNotification(group: number, size: number): AlertmanagerNotification {
  const namespace = `shop-${group}`;
  const started = Date.UTC(2026, 10, 23, 10, 0, 0) + group * 60_000;
  const alerts = Array.from({ length: size }, (_, i): AlertmanagerAlert => {
    const seed = group * 100_003 + i;
    const deployment = DEPLOYMENTS[i % DEPLOYMENTS.length] ?? "api";
    const pod = `${deployment}-${suffix(seed, 10)}-${suffix(seed + 7, 5)}`;
    const container = i % 3 === 0 ? "istio-proxy" : deployment;
    // Go writes a map's keys in order, so Alertmanager's labels come sorted.
    const labels = sorted({
      alertname: ALERTNAME,
      ...EXTERNAL,
      container,
      endpoint: "http",
      instance: "10.42.3.17:8080",
      job: "kube-state-metrics",
      namespace,
      pod,
      reason: "CrashLoopBackOff",
      service: "kube-prometheus-stack-kube-state-metrics",
      severity: "critical",
      uid: uid(seed),
    });
    // Alertmanager writes times with nanoseconds; endsAt of a firing alert is Go's zero time.
    const startsAt = new Date(started + i * 1_337)
      .toISOString()
      .replace("Z", `${String(seed % 1e6).padStart(6, "0")}Z`);
    return {
      status: "firing",
      labels,
      annotations: {
        description: `Pod ${namespace}/${pod} (${container}) is in waiting state (reason: "CrashLoopBackOff").`,
        runbook_url: RUNBOOK,
        summary: "Pod is crash looping.",
      },
      startsAt,
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: GENERATOR_URL,
      fingerprint: fingerprintOf(labels),
    };
  });
  const groupLabels = { alertname: ALERTNAME, namespace };
  return {
    receiver: "incidentkit",
    status: "firing",
    alerts,
    groupLabels,
    commonLabels: sorted({
      ...groupLabels,
      ...EXTERNAL,
      endpoint: "http",
      instance: "10.42.3.17:8080",
      job: "kube-state-metrics",
      reason: "CrashLoopBackOff",
      service: "kube-prometheus-stack-kube-state-metrics",
      severity: "critical",
    }),
    commonAnnotations: { runbook_url: RUNBOOK, summary: "Pod is crash looping." },
    externalURL: "http://kube-prometheus-stack-alertmanager.monitoring:9093",
    version: "4",
    groupKey: `{}:{alertname="${ALERTNAME}", namespace="${namespace}"}`,
    truncatedAlerts: 0,
  };
}
