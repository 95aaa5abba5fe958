import type { RouterOutputs } from "@/server/api/root";

/** What an import answers: the new draft, how many models it holds, and each entry left out with the reason. */
export type ImportSummary = RouterOutputs["pricing"]["importLitellm"];
