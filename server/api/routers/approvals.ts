import { approvalInbox, approvePurchase, pendingApprovalCount, rejectPurchase } from "../../purchases/approvals";
import { decisionInputSchema, rejectInputSchema } from "../../purchases/purchase-input";
import { createTRPCRouter, roleProcedure } from "../trpc";

/** Finance decides purchases at or above the approval threshold; never their own (docs/purchases.md). */
const approver = roleProcedure("finance");
const inboxReader = roleProcedure("admin", "finance");

export const approvalsRouter = createTRPCRouter({
  /** Pending requests, oldest first, each with the decisions so far and whether the caller may decide it. */
  inbox: inboxReader.query(({ ctx }) => approvalInbox(ctx.db, ctx.principal)),

  /** How many pending requests await the caller's decision (for finance) or anyone's (for administrators). */
  pendingCount: inboxReader.query(({ ctx }) => pendingApprovalCount(ctx.db, ctx.principal)),

  approve: approver.input(decisionInputSchema).mutation(({ ctx, input }) => approvePurchase(ctx.db, ctx.principal, input)),

  reject: approver.input(rejectInputSchema).mutation(({ ctx, input }) => rejectPurchase(ctx.db, ctx.principal, input)),
});
