import type { ApiKeyScope } from "@/db/schema";

/** What each scope lets a sibling app do, in one line. */
export const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  "usage:write": "Record usage and reserve, settle or release credits for actions in flight.",
  "usage:read": "Read the credit balance, open grants and recorded usage.",
  "pricing:read": "Read the price book in force and estimate what an action will cost.",
  "reports:read": "Read the usage, projection, model and ROI reports.",
  "purchases:write": "Request quotes and buy credits (large purchases still wait for finance).",
};
