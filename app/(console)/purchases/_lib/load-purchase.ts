import { orNotFound } from "@/app/_lib/or-not-found";
import type { serverApi } from "@/server/api/server";

/** A purchase's page data, or the 404 page (another member's request is as invisible as another organisation's). */
export const loadPurchase = (api: Awaited<ReturnType<typeof serverApi>>, purchaseId: string) => orNotFound(api.purchases.get({ purchaseId }));
