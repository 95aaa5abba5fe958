import { z } from "zod";
import { actorMemberIdOf, actorOf } from "../../auth/principal";
import { AppError } from "../../lib/errors";
import { actionSchema, normalizeAction } from "../../pricing/action";
import { importLitellmDraft } from "../../pricing/import-litellm";
import { currentOrgConfig, priceBookOf } from "../../org-config/org-config";
import { priceWith } from "../../pricing/price-book";
import {
  createDraft,
  discardDraft,
  getPriceCatalog,
  getVersion,
  listVersions,
  publishVersion,
  removeModelPrice,
  setModelPrice,
  setOperationPrice,
} from "../../pricing/versions";
import { timestampSchema } from "../../usage/event-input";
import { adminProcedure, createTRPCRouter, readerProcedure, roleProcedure } from "../trpc";

const micros = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const modelPriceSchema = z.object({
  model: z.string().trim().min(1).max(200),
  provider: z.string().max(100).optional(),
  mode: z.string().max(50).optional(),
  inputMicrosPerMillionTokens: micros,
  outputMicrosPerMillionTokens: micros,
  cachedInputMicrosPerMillionTokens: micros.nullable(),
  cacheWriteMicrosPerMillionTokens: micros.nullable(),
});
const operationPriceSchema = z.object({
  operation: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "lower-case letters, digits, . _ -"),
  unit: z.string().trim().min(1).max(50),
  description: z.string().max(500).optional(),
  microsPerUnit: micros,
});
const decimalText = z.string().trim().regex(/^\d+(\.\d+)?$/, "a decimal number like 0.01");

export const pricingRouter = createTRPCRouter({
  /** The price book in force now (and the next one if scheduled), with what a credit costs. */
  list: readerProcedure("pricing:read").query(({ ctx }) => getPriceCatalog(ctx.db, ctx.principal.orgId)),

  /** What an action will cost before it runs, with the version that priced it and the arithmetic. */
  estimate: readerProcedure("pricing:read")
    .input(actionSchema.extend({ timestamp: timestampSchema.optional() }))
    .query(async ({ ctx, input }) => {
      const action = normalizeAction(input);
      const { config, now } = await currentOrgConfig(ctx.db, ctx.principal.orgId);
      const at = input.timestamp ? new Date(input.timestamp) : now;
      const [priced] = priceWith(await priceBookOf(ctx.db, ctx.principal.orgId, config), [{ action, at }]);
      return { ...priced!, at: at.toISOString() };
    }),

  versions: roleProcedure("admin", "finance").query(({ ctx }) => listVersions(ctx.db, ctx.principal.orgId)),

  version: roleProcedure("admin", "finance")
    .input(z.object({ versionId: z.uuid() }))
    .query(({ ctx, input }) => getVersion(ctx.db, ctx.principal.orgId, input.versionId)),

  createDraft: adminProcedure
    .input(z.object({ fromVersionId: z.uuid().optional(), note: z.string().max(500).optional() }))
    .mutation(({ ctx, input }) =>
      createDraft(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), actorMemberId: actorMemberIdOf(ctx.principal), ...input }),
    ),

  importLitellm: adminProcedure
    .input(
      z.object({
        /** The price map's JSON text (LiteLLM's model_prices_and_context_window.json format). */
        json: z.string().min(2).max(10_000_000),
        creditValueUsd: decimalText,
        markupPercent: decimalText.default("0"),
        note: z.string().max(500).optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      let map: unknown;
      try {
        map = JSON.parse(input.json);
      } catch {
        throw new AppError("INVALID_INPUT", "The price map is not valid JSON");
      }
      return importLitellmDraft(ctx.db, {
        orgId: ctx.principal.orgId,
        actor: actorOf(ctx.principal),
        actorMemberId: actorMemberIdOf(ctx.principal),
        map,
        conversion: { creditValueUsd: input.creditValueUsd, markupPercent: input.markupPercent },
        note: input.note,
      });
    }),

  setModelPrice: adminProcedure
    .input(z.object({ versionId: z.uuid(), price: modelPriceSchema }))
    .mutation(({ ctx, input }) => setModelPrice(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),

  removeModelPrice: adminProcedure
    .input(z.object({ versionId: z.uuid(), model: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) => removeModelPrice(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),

  setOperationPrice: adminProcedure
    .input(z.object({ versionId: z.uuid(), price: operationPriceSchema }))
    .mutation(({ ctx, input }) => setOperationPrice(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),

  discardDraft: adminProcedure
    .input(z.object({ versionId: z.uuid() }))
    .mutation(({ ctx, input }) => discardDraft(ctx.db, { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), ...input })),

  publish: adminProcedure
    .input(z.object({ versionId: z.uuid(), effectiveFrom: timestampSchema.optional() }))
    .mutation(({ ctx, input }) =>
      publishVersion(ctx.db, {
        orgId: ctx.principal.orgId,
        actor: actorOf(ctx.principal),
        versionId: input.versionId,
        effectiveFrom: input.effectiveFrom ? new Date(input.effectiveFrom) : undefined,
      }),
    ),
});
