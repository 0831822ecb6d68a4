/**
 * The follow-ups Acme Cloud's debriefs produce, per failure family: the same few fixes come up every time a family
 * recurs, so "last time this happened" has an answer. `{service}` is the family's first service.
 */
export const FAMILY_FOLLOW_UPS: Readonly<Record<string, readonly string[]>> = {
  "payments-connection-pool": [
    "Alert when the payments-api connection pool is above 80% for 5 minutes",
    "Size the payments-api connection pool from load-test results",
    "Add a circuit breaker between payments-api and the primary database",
  ],
  "checkout-latency-after-deploy": [
    "Gate checkout-web deploys on p95 latency in canary",
    "Make the checkout rollback a single command",
    "Add a latency budget check to the checkout-web CI pipeline",
  ],
  "psp-card-declines": [
    "Automate failover to the secondary PSP on decline-rate spikes",
    "Alert on the card decline rate per PSP, not only in total",
    "Agree an escalation contact with the PSP's support team",
  ],
  "ledger-reconciliation-mismatch": [
    "Run ledger reconciliation hourly instead of nightly",
    "Make billing-worker ledger writes idempotent",
    "Page Payments when the reconciliation diff exceeds the threshold",
  ],
  "duplicate-invoices": [
    "Add an idempotency key to invoice creation in billing-worker",
    "Write a script to detect and void duplicate invoices",
    "Add a uniqueness constraint on (customer, period) for invoices",
  ],
  "billing-queue-backlog": [
    "Autoscale billing-worker on queue depth",
    "Alert on the age of the oldest billing job",
    "Move the monthly invoice run off the shared queue",
  ],
  "cart-errors": [
    "Return a cached stock level when inventory times out in the cart",
    "Add cart error rate to the Storefront on-call dashboard",
    "Contract-test the checkout-web and inventory cart API",
  ],
  "inventory-stock-sync": [
    "Alert when the stock sync has not completed for 30 minutes",
    "Make the inventory stock sync resumable from the last checkpoint",
    "Reconcile oversold orders automatically after a sync gap",
  ],
  "carrier-api-timeouts": [
    "Add a fallback carrier for label purchases",
    "Lower the carrier API timeout and retry with backoff",
    "Show carrier status on the Fulfilment dashboard",
  ],
  "label-generation": [
    "Validate addresses before requesting shipping labels",
    "Queue failed label requests for retry instead of dropping them",
  ],
  "ledger-disk-replication": [
    "Alert at 75% disk on ledger replicas, not 90%",
    "Automate replica rebuilds for the ledger database",
    "Move ledger WAL archives to object storage",
  ],
  "auth-token-refresh": [
    "Keep the previous signing key in the JWKS for 24 hours after a rotation",
    "Cap the mobile-gateway JWKS cache at 5 minutes",
    "Add a synthetic check for token refresh from the mobile app",
  ],
  "sso-login-failures": [
    "Warn enterprise admins before their IdP certificate expires",
    "Accept both old and new IdP certificates during rotation",
    "Add SAML validation failures per tenant to the Identity dashboard",
  ],
  "credential-stuffing": [
    "Rate-limit login attempts per IP and per account",
    "Require CAPTCHA after repeated failed logins",
    "Alert on failed-login spikes from new ASNs",
  ],
  "leaked-secret": [
    "Turn on secret scanning for every repository",
    "Rotate data-pipeline credentials every 90 days automatically",
    "Move data-pipeline secrets from environment files to the vault",
  ],
  "search-index-lag": [
    "Alert on search indexer lag above 10 minutes",
    "Partition the search indexer by catalogue segment",
  ],
  "search-relevance-regression": [
    "Add an offline relevance benchmark to the search release checklist",
    "Roll out ranking changes behind a percentage flag",
  ],
  "email-delivery-delay": [
    "Fail over to the secondary email provider automatically",
    "Alert on email queue age, not only on send errors",
  ],
  "push-notification-failures": [
    "Renew push certificates from a calendar reminder with two weeks' notice",
    "Alert on push delivery failures per platform",
  ],
  "kafka-consumer-lag": [
    "Alert on consumer lag per partition for data-pipeline",
    "Add consumers automatically when lag grows for 15 minutes",
    "Document how to reset data-pipeline consumer offsets safely",
  ],
  "warehouse-load-failure": [
    "Retry warehouse loads per table instead of per batch",
    "Validate schema changes against the warehouse before deploy",
  ],
  "gateway-rate-limiting": [
    "Move mobile-gateway rate limits to configuration with a review",
    "Exempt internal health checks from gateway rate limits",
  ],
  "dns-resolution": [
    "Add a secondary DNS provider for customer-facing zones",
    "Raise the TTL of stable DNS records to an hour",
    "Monitor resolution of our domains from three regions",
  ],
  "redis-eviction-storm": [
    "Alert on Redis evictions per second",
    "Set TTLs on every key the inventory cache writes",
    "Split the shared Redis cluster by service",
  ],
  "status-site-certificate": [
    "Automate certificate renewal for the status site",
    "Alert 21 days before any public certificate expires",
  ],
};

/** Follow-ups any debrief may add. */
export const GENERAL_FOLLOW_UPS: readonly string[] = [
  "Update the {runbook} runbook with what we learned",
  "Add this incident's timeline to the quarterly reliability review",
  "Check the on-call handover notes cover {service}",
];

/** What responders note as actions while an incident runs. */
export const INCIDENT_ACTIONS: readonly string[] = [
  "Check the {service} dashboards for the start of the errors",
  "Post an update on the status page",
  "Roll back {service} to the previous release",
  "Ask the {team} on-call to join the call",
  "Collect the logs of a failing request",
  "Tell customer support what to say",
];
