import type { StatusCategory, UserRecord } from "../model.js";

/**
 * The demo organisation's configuration, written the way a mid-sized SaaS company sets up incident.io.
 * Plain data: `demo-organisation.ts` turns it into records.
 */

export const DEMO_ORGANISATION = { name: "Acme Cloud", slug: "acme-cloud" } as const;

export type SeverityName = "Minor" | "Major" | "Critical";

export const DEMO_SEVERITIES: readonly { name: SeverityName; description: string; rank: number }[] = [
  {
    name: "Minor",
    description:
      "Issues with **low impact**: a small number of customers affected, or a degraded internal tool.",
    rank: 1,
  },
  {
    name: "Major",
    description:
      "Issues causing **significant impact**: a core feature degraded for many customers. Page the owning team.",
    rank: 2,
  },
  {
    name: "Critical",
    description:
      "Issues causing **severe impact**: outage of checkout, payments or login, or a security breach. All hands.",
    rank: 3,
  },
];

export const DEMO_STATUSES: readonly { name: string; description: string; category: StatusCategory }[] = [
  { name: "Triage", description: "We're not yet sure whether this is an incident.", category: "triage" },
  { name: "Declined", description: "This turned out not to be an incident.", category: "declined" },
  { name: "Merged", description: "This incident was merged into another incident.", category: "merged" },
  { name: "Canceled", description: "This incident was created by mistake.", category: "canceled" },
  { name: "Investigating", description: "We're working out what's going on.", category: "live" },
  { name: "Fixing", description: "We know what's wrong and we're fixing it.", category: "live" },
  {
    name: "Monitoring",
    description: "A fix is out; we're watching to make sure it holds.",
    category: "live",
  },
  { name: "Paused", description: "Work on this incident is paused for now.", category: "paused" },
  {
    name: "Documenting",
    description: "Impact is over; we're writing up what happened.",
    category: "learning",
  },
  { name: "Closed", description: "The incident is over and the follow-up work is done.", category: "closed" },
];

export const DEMO_INCIDENT_TYPES = [
  {
    name: "Default",
    description: "Anything that's gone wrong and needs a coordinated response.",
    is_default: true,
    private_incidents_only: false,
    create_in_triage: "optional",
  },
  {
    name: "Security",
    description: "Suspected security incidents. Always private; the security team leads.",
    is_default: false,
    private_incidents_only: true,
    create_in_triage: "optional",
  },
  {
    name: "Customer-facing",
    description: "Problems customers can see. Start in triage so support can confirm impact first.",
    is_default: false,
    private_incidents_only: false,
    create_in_triage: "always",
  },
] as const;

export type IncidentTypeName = (typeof DEMO_INCIDENT_TYPES)[number]["name"];

export const DEMO_TEAMS = [
  "Payments",
  "Storefront",
  "Identity",
  "Discovery",
  "Fulfilment",
  "Platform",
  "Data",
] as const;
export type TeamName = (typeof DEMO_TEAMS)[number];

export interface ServiceConfig {
  slug: string;
  name: string;
  description: string;
  aliases: string[];
  team: TeamName;
}

export const DEMO_SERVICES: readonly ServiceConfig[] = [
  {
    slug: "payments-api",
    name: "Payments API",
    description: "Card and wallet payments",
    aliases: ["payments", "pay-api"],
    team: "Payments",
  },
  {
    slug: "checkout-web",
    name: "Checkout",
    description: "The web checkout flow",
    aliases: ["checkout", "cart"],
    team: "Storefront",
  },
  {
    slug: "auth-service",
    name: "Auth Service",
    description: "Login, SSO and token issuance",
    aliases: ["auth", "login", "sso"],
    team: "Identity",
  },
  {
    slug: "search",
    name: "Search",
    description: "Product search and ranking",
    aliases: ["search-api", "elasticsearch"],
    team: "Discovery",
  },
  {
    slug: "notifications",
    name: "Notifications",
    description: "Email, SMS and push delivery",
    aliases: ["notify", "email"],
    team: "Platform",
  },
  {
    slug: "ledger",
    name: "Ledger",
    description: "Double-entry ledger of every money movement",
    aliases: ["ledger-db"],
    team: "Payments",
  },
  {
    slug: "inventory",
    name: "Inventory",
    description: "Stock levels across warehouses",
    aliases: ["stock"],
    team: "Fulfilment",
  },
  {
    slug: "shipping",
    name: "Shipping",
    description: "Carrier rates, labels and tracking",
    aliases: ["carriers", "labels"],
    team: "Fulfilment",
  },
  {
    slug: "mobile-gateway",
    name: "Mobile Gateway",
    description: "API gateway for the iOS and Android apps",
    aliases: ["mgw", "mobile-api"],
    team: "Platform",
  },
  {
    slug: "data-pipeline",
    name: "Data Pipeline",
    description: "Kafka, ETL and the warehouse",
    aliases: ["etl", "warehouse"],
    team: "Data",
  },
  {
    slug: "billing-worker",
    name: "Billing Worker",
    description: "Subscription renewals and invoicing jobs",
    aliases: ["billing", "invoicing"],
    team: "Payments",
  },
  {
    slug: "status-site",
    name: "Status Site",
    description: "status.acme.example",
    aliases: ["statuspage"],
    team: "Platform",
  },
];

export const CUSTOMER_IMPACT_OPTIONS = ["None", "Some", "Widespread"] as const;
export type CustomerImpact = (typeof CUSTOMER_IMPACT_OPTIONS)[number];

export const DEMO_ROLES = [
  {
    name: "Incident Lead",
    shortform: "lead",
    role_type: "lead",
    description: "The person currently coordinating the incident",
    instructions:
      "Set the severity, keep the channel updated, delegate the work and decide when we're resolved.",
  },
  {
    name: "Reporter",
    shortform: "reporter",
    role_type: "reporter",
    description: "The person who reported the incident",
    instructions: "Share everything you saw with the incident lead, then step back if you're not needed.",
  },
  {
    name: "Communications Lead",
    shortform: "comms",
    role_type: "custom",
    description: "Owns updates to customers, support and the status page",
    instructions: "Post a status page update within 15 minutes and every 30 minutes after that.",
  },
  {
    name: "Scribe",
    shortform: "scribe",
    role_type: "custom",
    description: "Keeps the timeline so the lead doesn't have to",
    instructions: "Pin key messages and record decisions as they happen.",
  },
] as const;

export const DEMO_TIMESTAMPS = [
  "Reported at",
  "Impact started",
  "Accepted at",
  "Resolved at",
  "Closed at",
] as const;
export type TimestampName = (typeof DEMO_TIMESTAMPS)[number];

type BaseRole = UserRecord["role"];

export const DEMO_USERS: readonly { name: string; role: BaseRole; active?: false }[] = [
  { name: "Priya Raman", role: "owner" },
  { name: "Marcus Okafor", role: "administrator" },
  { name: "Sofia Lindqvist", role: "administrator" },
  { name: "Daniel Kim", role: "responder" },
  { name: "Amara Nwosu", role: "responder" },
  { name: "Tomás Herrera", role: "responder" },
  { name: "Hannah Becker", role: "responder" },
  { name: "Yuki Tanaka", role: "responder" },
  { name: "Oliver Grant", role: "responder" },
  { name: "Fatima Zahra", role: "responder" },
  { name: "Liam O'Connor", role: "responder" },
  { name: "Chloé Martin", role: "responder" },
  { name: "Ravi Shah", role: "responder" },
  { name: "Emily Clarke", role: "responder" },
  { name: "Jonas Weber", role: "responder" },
  { name: "Grace Mensah", role: "responder" },
  { name: "Noah Fischer", role: "responder", active: false },
  { name: "Isabel Costa", role: "viewer" },
  { name: "Ethan Brooks", role: "viewer" },
  { name: "Mei Chen", role: "viewer" },
];

export const DEMO_API_KEYS = [
  { name: "Demo admin", roles: ["global_access"] },
  { name: "Read only", roles: ["viewer"] },
  { name: "Incident bot", roles: ["viewer", "incident_creator", "incident_editor"] },
] as const;
