import type http from "node:http";
import { getTRPCErrorFromUnknown, TRPCError, type AnyRouter } from "@trpc/server";
import { callProcedure, getErrorShape, getHTTPStatusCodeFromError } from "@trpc/server/unstable-core-do-not-import";
import { responseHeaders } from "../api/response-meta";
import { TRPC_PREFIX } from "./trpc-prefix";

/**
 * The common API-key call — one procedure, JSON in and out, no batching — answered without tRPC's
 * fetch round-about. tRPC's Node adapter turns each request into a fetch `Request`, resolves it into
 * a `Response` and copies that back (undici, AbortControllers, web streams): about a third of the
 * server's CPU on a small call such as an estimate. Here the same router, context, procedures
 * (middlewares, validation, error mapping), error shapes, status codes and headers, written
 * directly. Anything else — batches, other methods or content types, a method that does not fit the
 * procedure, an unknown path — returns undefined and goes to tRPC's own handler.
 */
export interface SingleCall {
  path: string;
  type: "query" | "mutation";
  /** The `input` query parameter of a GET (undefined for a POST, whose body is the input). */
  queryInput?: string;
}

/** The call a request makes, when it is a single JSON call under tRPC's base path. */
export function singleCallOf(router: AnyRouter, req: http.IncomingMessage): SingleCall | undefined {
  const url = req.url ?? "";
  const queryAt = url.indexOf("?");
  let path: string;
  try {
    path = decodeURIComponent(url.slice(TRPC_PREFIX.length, queryAt === -1 ? undefined : queryAt));
  } catch {
    return undefined;
  }
  const procedure = (router._def.procedures as Record<string, { _def: { type: string } } | undefined>)[path];
  const type = procedure?._def.type;
  if (req.method === "GET" && type === "query") {
    if (queryAt === -1) return { path, type };
    const params = new URLSearchParams(url.slice(queryAt + 1));
    if ([...params.keys()].some((key) => key !== "input")) return undefined;
    return { path, type, queryInput: params.get("input") ?? undefined };
  }
  if (req.method === "POST" && type === "mutation" && queryAt === -1 && isJson(req.headers["content-type"])) return { path, type };
  return undefined;
}

const isJson = (contentType: string | undefined) => contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";

export async function answerSingleCall(
  router: AnyRouter,
  call: SingleCall,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  createContext: () => Promise<unknown>,
): Promise<void> {
  let input: unknown;
  let ctx: unknown;
  try {
    const text = call.type === "query" ? call.queryInput : await readBody(req);
    ctx = await createContext();
    // Parsed when the procedure asks for it, and refused as tRPC does (BAD_REQUEST, the parser's message).
    const getRawInput = async () => {
      try {
        return (input = text ? JSON.parse(text) : undefined);
      } catch (cause) {
        throw new TRPCError({ code: "BAD_REQUEST", message: cause instanceof Error ? cause.message : "Invalid input", cause });
      }
    };
    const data = await callProcedure({ router, path: call.path, type: call.type, ctx, getRawInput, signal: undefined, batchIndex: 0 });
    send(res, 200, {}, { result: { data } });
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    const shape = getErrorShape({ config: router._def._config, error, type: call.type, path: call.path, input, ctx });
    send(res, getHTTPStatusCodeFromError(error), responseHeaders([error]), { error: shape });
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { ...headers, vary: "trpc-accept, accept", "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  res.end(json);
}
