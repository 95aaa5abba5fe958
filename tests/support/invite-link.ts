import type { Delivery } from "./fake-resend";

/** The invitation link in a delivered e-mail, and its token. */
export function inviteLinkIn(delivery: Delivery): { url: string; token: string } {
  const match = delivery.html?.match(/href="([^"]*\/invite\/(inv_[A-Za-z0-9_-]+))"/);
  if (!match) throw new Error(`No invitation link in the e-mail to ${delivery.to.join(", ")}`);
  return { url: match[1]!, token: match[2]! };
}
