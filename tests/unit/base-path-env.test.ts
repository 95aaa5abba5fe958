import { describe, expect, it } from "vitest";
import { parseEnv } from "../../server/env";
import { parseCsv } from "../../server/lib/csv-parse";

describe("ALLOT_BASE_PATH and the URLs derived from it", () => {
  it("puts the base path into the public URL and next-auth's URL", () => {
    const mounted = parseEnv({ ALLOT_BASE_PATH: "/admin/credits", NEXTAUTH_URL: "https://intranet.example.com" });
    expect(mounted.ALLOT_PUBLIC_URL).toBe("https://intranet.example.com/admin/credits");
    expect(mounted.NEXTAUTH_URL).toBe("https://intranet.example.com/admin/credits/api/auth");
    expect(parseEnv({}).NEXTAUTH_URL).toBe("http://localhost:3000/api/auth");
  });

  it("takes an explicit public URL or a NEXTAUTH_URL with a path as given", () => {
    const explicit = parseEnv({ ALLOT_BASE_PATH: "/credits", ALLOT_PUBLIC_URL: "https://proxy.example.com/credits/" });
    expect(explicit.ALLOT_PUBLIC_URL).toBe("https://proxy.example.com/credits");
    expect(explicit.NEXTAUTH_URL).toBe("https://proxy.example.com/credits/api/auth");
    expect(parseEnv({ NEXTAUTH_URL: "https://a.example.com/custom/auth" }).NEXTAUTH_URL).toBe("https://a.example.com/custom/auth");
  });

  it("refuses a base path with a trailing slash or without a leading one", () => {
    for (const bad of ["/admin/", "admin", "/admin credits"]) expect(() => parseEnv({ ALLOT_BASE_PATH: bad })).toThrow("ALLOT_BASE_PATH");
  });
});

describe("parseCsv (provisioning files)", () => {
  it("reads quoted fields with commas, doubled quotes and CRLF, keyed by the header", () => {
    const text = 'email,name,role\r\n"a@example.com","Doe, ""Jo""",finance\r\n\r\nb@example.com,,member';
    expect(parseCsv(text)).toEqual([
      { email: "a@example.com", name: 'Doe, "Jo"', role: "finance" },
      { email: "b@example.com", name: "", role: "member" },
    ]);
  });
});
