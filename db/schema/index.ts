export * from "./orgs";
export * from "./api-keys";
export * from "./pricing";
export * from "./ledger";
export * from "./usage";
export * from "./audit";
export * from "./budgets";
export * from "./outbox";
