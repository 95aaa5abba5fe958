import type { Page } from "playwright-core";

export interface HostPerson {
  subject: string;
  email: string;
  name?: string;
  emailVerified?: boolean;
}

/** On the loopback identity provider's page (tests/support/fake-oidc.ts): signs in as `person`. */
export async function signInAtIdentityProvider(page: Page, person: HostPerson): Promise<void> {
  await page.getByRole("heading", { name: "Test identity provider" }).waitFor({ timeout: 60_000 });
  await page.getByLabel("Subject").fill(person.subject);
  await page.getByLabel("E-mail", { exact: true }).fill(person.email);
  await page.getByLabel("Name").fill(person.name ?? "");
  if (person.emailVerified === false) await page.getByLabel("E-mail verified").uncheck();
  await page.getByRole("button", { name: "Sign in" }).click();
}
