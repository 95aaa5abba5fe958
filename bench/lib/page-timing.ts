import { encode } from "next-auth/jwt";
import type { MemberPrincipal } from "../../server/auth/principal";
import { round, summarize } from "./stats";

/**
 * Pages timed over HTTP against the production server: what a department head waits for, render
 * included. The client runs on the same machine, so the time to the last byte of the HTML is the
 * server's time plus a loopback round trip.
 */
export interface TimedPage {
  name: string;
  /** Path and query, as a browser asks for it. */
  path: string;
  as: MemberPrincipal;
  /** Text the page must contain, so an error page or a sign-in redirect is never timed as a success. */
  expect: string;
}

export interface PageTiming {
  page: string;
  path: string;
  ms: { p50: number; p95: number; max: number };
  bytes: number;
  withinTarget: boolean;
}

/** A member's session cookie, minted as next-auth mints it (JWT strategy) with the server's secret. */
async function sessionCookie(member: MemberPrincipal, secret: string): Promise<string> {
  const token = await encode({ token: { uid: member.userId, sub: member.userId, email: member.email, name: member.name }, secret });
  return `next-auth.session-token=${token}`;
}

async function fetchPage(url: string, cookie: string, expected: string): Promise<number> {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200 || !body.includes(expected)) {
    throw new Error(`${url} answered ${response.status} without "${expected}": ${body.slice(0, 300)}`);
  }
  return body.length;
}

export async function timePages(appUrl: string, secret: string, pages: TimedPage[], runs: number, targetMs: number): Promise<PageTiming[]> {
  const results: PageTiming[] = [];
  for (const page of pages) {
    const cookie = await sessionCookie(page.as, secret);
    const url = `${appUrl}${page.path}`;
    const bytes = await fetchPage(url, cookie, page.expect); // warm: plans, caches and compiled code, as a running server has them
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fetchPage(url, cookie, page.expect);
      samples.push(performance.now() - t0);
    }
    const stats = summarize(samples);
    results.push({ page: page.name, path: page.path, ms: { p50: stats.p50, p95: stats.p95, max: stats.max }, bytes, withinTarget: stats.p95 < targetMs });
    console.log(`  ${page.name}: p50 ${round(stats.p50)} ms, p95 ${round(stats.p95)} ms`);
  }
  return results;
}
