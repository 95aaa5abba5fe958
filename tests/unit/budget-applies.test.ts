import { describe, expect, it } from "vitest";
import { budgetApplies } from "../../server/budgets/budget-book";
import { attributionOf, budgetRow } from "../support/budget-rows";

const SUPPORT = "10000000-0000-4000-8000-000000000001";
const SALES = "10000000-0000-4000-8000-000000000002";
const HELPDESK = "20000000-0000-4000-8000-000000000001";
const BOT = "30000000-0000-4000-8000-000000000001";

/** The support bot works in support, on the helpdesk project, for Alice. */
const supportBotForAlice = attributionOf({ departmentId: SUPPORT, projectId: HELPDESK, agentId: BOT, userRef: "Alice@Example.test" });

describe("budgetApplies", () => {
  const cases: [string, Parameters<typeof budgetRow>[0], boolean][] = [
    ["the organisation's budget", { scope: "organization" }, true],
    ["its department's budget", { scope: "department", departmentId: SUPPORT }, true],
    ["another department's budget", { scope: "department", departmentId: SALES }, false],
    ["its project's budget", { scope: "project", projectId: HELPDESK }, true],
    ["another project's budget", { scope: "project", projectId: "20000000-0000-4000-8000-000000000002" }, false],
    ["its agent's budget", { scope: "agent", agentId: BOT }, true],
    ["another agent's budget", { scope: "agent", agentId: "30000000-0000-4000-8000-000000000002" }, false],
    ["its user's budget, in another case", { scope: "user", userRef: "ALICE@example.TEST" }, true],
    ["another user's budget", { scope: "user", userRef: "alice@example.test.org" }, false],
  ];
  for (const [name, budget, expected] of cases) {
    it(`an event by the support bot for Alice: ${name} ${expected ? "applies" : "does not apply"}`, () => {
      expect(budgetApplies(budgetRow(budget), supportBotForAlice)).toBe(expected);
    });
  }

  it("an unattributed event counts only in the organisation's budget", () => {
    const nothing = attributionOf();
    const scoped = [
      budgetRow({ scope: "department", departmentId: SUPPORT }),
      budgetRow({ scope: "project", projectId: HELPDESK }),
      budgetRow({ scope: "agent", agentId: BOT }),
      budgetRow({ scope: "user", userRef: "alice@example.test" }),
    ];
    expect(scoped.map((budget) => budgetApplies(budget, nothing))).toEqual([false, false, false, false]);
    expect(budgetApplies(budgetRow(), nothing)).toBe(true);
  });

  it("compares users beyond ASCII case", () => {
    const budget = budgetRow({ scope: "user", userRef: "émile.ørsted@example.test" });
    expect(budgetApplies(budget, attributionOf({ userRef: "ÉMILE.ØRSTED@EXAMPLE.TEST" }))).toBe(true);
    expect(budgetApplies(budget, attributionOf({ userRef: "emile.orsted@example.test" }))).toBe(false);
  });
});
