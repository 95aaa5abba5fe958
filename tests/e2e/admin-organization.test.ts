import { describe, expect, it } from "vitest";
import { screenshot, signInAs, useBrowser } from "../support/browser";

const { browser, appUrl } = useBrowser();

describe("organisation administration", () => {
  it("adds a department, an agent in it and a head of it; a bad slug is refused next to its field", async () => {
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, appUrl, /Ada Admin/);
    const suffix = Date.now().toString(36);
    const department = `Research ${suffix}`;

    await page.goto(`${appUrl}/admin/organization/departments`);
    const addDepartment = page.getByRole("region", { name: "Add a department" });
    await addDepartment.getByLabel("Slug").fill("Research Lab!");
    await addDepartment.getByLabel("Name").fill(department);
    await addDepartment.getByRole("button", { name: "Add department" }).click();
    const slug = addDepartment.getByLabel("Slug");
    await expect.poll(() => slug.getAttribute("aria-invalid")).toBe("true");
    // The message is the field's own description, so it is shown and announced with the field.
    const describedBy = (await slug.getAttribute("aria-describedby"))!.split(" ").find((id) => id.endsWith("-error"))!;
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toMatch(/lower-case letters, digits/);
    await expect(addDepartment.getByLabel("Name").inputValue()).resolves.toBe(department);
    await screenshot(page, "10-department-bad-slug");

    await slug.fill(`research-${suffix}`);
    await addDepartment.getByRole("button", { name: "Add department" }).click();
    await page.getByRole("cell", { name: department, exact: true }).waitFor();

    await page.goto(`${appUrl}/admin/organization/agents`);
    await page.getByText("An agent's usage is attributed to its department", { exact: true }).waitFor();
    const addAgent = page.getByRole("region", { name: "Add an agent" });
    await addAgent.getByLabel("Slug").fill(`lab-assistant-${suffix}`);
    await addAgent.getByLabel("Name").fill(`Lab assistant ${suffix}`);
    await addAgent.getByLabel("Department", { exact: true }).selectOption({ label: department });
    await addAgent.getByLabel("Description (optional)").fill("Summarises papers");
    await addAgent.getByRole("button", { name: "Add agent" }).click();
    const agentRow = page.getByRole("row", { name: new RegExp(`Lab assistant ${suffix}`) });
    await agentRow.waitFor();
    await expect(agentRow.getByRole("cell", { name: department, exact: true }).isVisible()).resolves.toBe(true);
    await screenshot(page, "11-agent-added");

    await page.goto(`${appUrl}/admin/organization/members`);
    const addMember = page.getByRole("region", { name: "Add a member" });
    await addMember.getByLabel("E-mail").fill(`head-${suffix}@example.test`);
    await addMember.getByLabel("Name").fill(`Rita Research ${suffix}`);
    await addMember.getByLabel("Role").selectOption({ label: "Department head" });
    await addMember.getByLabel("Department (optional)").selectOption({ label: department });
    await addMember.getByRole("group", { name: "Departments they head" }).getByLabel(department).check();
    await addMember.getByRole("button", { name: "Add member" }).click();
    const memberRow = page.getByRole("row", { name: new RegExp(`Rita Research ${suffix}`) });
    await memberRow.waitFor();
    await expect(memberRow.textContent()).resolves.toMatch(new RegExp(`Department head.*${department}.*${department}`));
    await screenshot(page, "12-department-head-added");
    await page.close();
  });

  it("refuses a member who is not an administrator with a clear message", async () => {
    const context = await browser().newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await signInAs(page, appUrl, /Max Member/);
    await page.goto(`${appUrl}/admin/organization/members`);
    await page.getByRole("alert").filter({ hasText: "Only administrators can open this page" }).waitFor();
    await expect(page.getByRole("table").count()).resolves.toBe(0);
    await context.close();
  });
});
