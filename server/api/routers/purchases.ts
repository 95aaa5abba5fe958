import { actorOf } from "../../auth/principal";
import { commitmentShortfall } from "../../purchases/commitment";
import { cancelPurchase } from "../../purchases/cancel-purchase";
import { createPurchase } from "../../purchases/create-purchase";
import { getPurchaseDetail, listPurchases } from "../../purchases/list-purchases";
import { markPurchasePaid } from "../../purchases/payment/mark-paid";
import { cancelInputSchema, createPurchaseInputSchema, listPurchasesInputSchema, markPaidInputSchema, purchaseIdSchema, quoteInputSchema } from "../../purchases/purchase-input";
import { quotePurchase } from "../../purchases/quote";
import { getPurchaseSettings, updatePurchaseSettings, updatePurchaseSettingsSchema } from "../../purchases/settings";
import { createTRPCRouter, memberProcedure, readerProcedure, roleProcedure } from "../trpc";

/** Buying credits (docs/purchases.md). Who may see which purchase is decided in server/purchases/purchase-access.ts. */
const buyer = readerProcedure("purchases:write");
const financeOrAdmin = roleProcedure("admin", "finance");

export const purchasesRouter = createTRPCRouter({
  /** List price, graduated tiers, committed-use contract, annual discount, tax, approval thresholds and expiry, auto top-up. */
  settings: memberProcedure.query(({ ctx }) => getPurchaseSettings(ctx.db, ctx.principal.orgId)),

  updateSettings: financeOrAdmin
    .input(updatePurchaseSettingsSchema)
    .mutation(({ ctx, input }) => updatePurchaseSettings(ctx.db, ctx.principal.orgId, actorOf(ctx.principal), input)),

  /** Credits or money in → the line-by-line breakdown; money in buys the most whole credits it covers. */
  quote: buyer.input(quoteInputSchema).query(({ ctx, input }) => quotePurchase(ctx.db, ctx.principal.orgId, input)),

  /** Requests a purchase, idempotent on `idempotencyKey`: below the approval threshold it goes to payment, at or above it waits for finance. */
  create: buyer.input(createPurchaseInputSchema).mutation(({ ctx, input }) => createPurchase(ctx.db, ctx.principal, input)),

  /** The purchases the caller may see, newest first, as flat rows (CSV-friendly). */
  list: buyer.input(listPurchasesInputSchema).query(({ ctx, input }) => listPurchases(ctx.db, ctx.principal, input)),

  /** One purchase with its quote, invoice, approvals, audit trail and what the caller may do with it. */
  get: buyer.input(purchaseIdSchema).query(({ ctx, input }) => getPurchaseDetail(ctx.db, ctx.principal, input.purchaseId)),

  /** Finance records the invoice as paid: the credits are granted, once. */
  markPaid: roleProcedure("finance").input(markPaidInputSchema).mutation(({ ctx, input }) => markPurchasePaid(ctx.db, ctx.principal, input)),

  /** The requester withdraws a pending request; finance or an administrator may also void an unpaid invoice. */
  cancel: buyer.input(cancelInputSchema).mutation(({ ctx, input }) => cancelPurchase(ctx.db, ctx.principal, input)),

  /** The committed-use contract month by month: minimum, purchased, shortfall. */
  commitmentShortfall: financeOrAdmin.query(({ ctx }) => commitmentShortfall(ctx.db, ctx.principal.orgId)),
});
