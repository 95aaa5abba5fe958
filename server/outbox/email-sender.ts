import { Resend, type ErrorResponse } from "resend";
import { devMailboxEnabled, env } from "../env";
import type { RenderedEmail } from "./render-email";

/** One e-mail to hand to the provider; `id` is the outbox message id, used as the idempotency key. */
export interface EmailToSend {
  id: string;
  recipient: string;
  email: RenderedEmail;
}

export type SendOutcome =
  /** The provider has it. Its id is null only when the provider confirmed an earlier send without repeating the answer. */
  | { kind: "accepted"; providerMessageId: string | null; note?: string }
  /** Worth trying again later: the provider was unreachable, overloaded or rate limiting. */
  | { kind: "retryable"; reason: string }
  /** Sending it again cannot succeed (e.g. an invalid address). */
  | { kind: "permanent"; reason: string };

export interface EmailSender {
  send(message: EmailToSend): Promise<SendOutcome>;
}

/** Under the 60-second lease, so a send never outlives the claim that made it. */
const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * Resend's answer as an outcome. Its error objects carry the HTTP status (null when the request
 * never got an answer) and a stable name. Under our idempotency key, "concurrent" means the first
 * request is still in flight (ask again later), and "invalid idempotent request" means an e-mail
 * was already sent under it with other content (the template or the organisation's name changed
 * since an answer was lost): it went out, and must not go out again.
 */
export function classifyResendError(error: Pick<ErrorResponse, "name" | "message"> & { statusCode?: number | null }): SendOutcome {
  const status = error.statusCode ?? null;
  const reason = `Resend ${status ?? "unreachable"}${error.name ? ` ${error.name}` : ""}: ${error.message}`;
  if (error.name === "invalid_idempotent_request") return { kind: "accepted", providerMessageId: null, note: `Already sent under this key; ${reason}` };
  const retryable = status === null || status >= 500 || status === 429 || error.name === "concurrent_idempotent_requests";
  return retryable ? { kind: "retryable", reason } : { kind: "permanent", reason };
}

export function createResendSender(options: { apiKey: string; from: string; baseUrl?: string; timeoutMs?: number }): EmailSender {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  return {
    async send({ id, recipient, email }) {
      try {
        const { data, error } = await resend.emails.send(
          { from: options.from, to: recipient, subject: email.subject, html: email.html, text: email.text },
          { idempotencyKey: id, signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) },
        );
        if (error) return classifyResendError(error);
        return { kind: "accepted", providerMessageId: data.id };
      } catch (error) {
        return { kind: "retryable", reason: `Resend request failed: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
  };
}

/**
 * Development without a Resend key: "delivering" is recording the message as sent; the dev mailbox
 * page renders it from its row.
 */
export const devMailboxSender: EmailSender = {
  async send({ id }) {
    return { kind: "accepted", providerMessageId: `dev-mailbox:${id}` };
  },
};

/** No key and no dev mailbox (production allows it only where it never dispatches): messages wait, nothing is lost. */
const unconfiguredSender: EmailSender = {
  async send() {
    return { kind: "retryable", reason: "E-mail is not configured: RESEND_API_KEY is not set" };
  },
};

let configured: EmailSender | undefined;

/** The sender this process's configuration calls for. */
export function configuredEmailSender(): EmailSender {
  configured ??= env.RESEND_API_KEY
    ? createResendSender({ apiKey: env.RESEND_API_KEY, from: env.EMAIL_FROM, baseUrl: env.RESEND_BASE_URL })
    : devMailboxEnabled
      ? devMailboxSender
      : unconfiguredSender;
  return configured;
}
