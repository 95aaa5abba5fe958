import { describe, expect, it } from "vitest";
import { listCreditPrice, moneyForCredits } from "../../server/reports/credit-price";
import { costPerUnitMinor, roiBps, valueMinorOf } from "../../server/reports/roi-math";
import { monthsBetween, shiftMonth } from "../../server/reports/roi-input";

describe("ROI arithmetic", () => {
  it("rounds value, cost, ROI and cost per outcome half-up, once", () => {
    // 12.5 tickets × 400 + 0.333333 hours × 3,333 = 6,110.998889 → 6,111.
    expect(valueMinorOf(12_500_000n * 400n + 333_333n * 3_333n)).toBe(6_111n);
    expect(valueMinorOf(2_500_000n)).toBe(3n); // 2.5 → 3
    expect(valueMinorOf(2_499_999n)).toBe(2n);
    // 13,333,333 µcr at $2.50 a credit (250,000,000 cents per 10⁶ credits) = 3,333.33325 → 3,333.
    expect(moneyForCredits(13_333_333, listCreditPrice(250_000_000))).toBe(3_333n);
    expect(roiBps(6_111n, 3_333n)).toBe(8_335);
    expect(roiBps(1n, 3n)).toBe(-6_667); // −66.67 % half-up (away from zero at .5 and above)
    expect(roiBps(5n, 0n)).toBeNull();
    expect(costPerUnitMinor(3_333n, 12_500_000n)).toBe(267n);
    expect(costPerUnitMinor(3_333n, 0n)).toBeNull();
  });

  it("walks months across a year end", () => {
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsBetween("2026-03", "2026-02")).toEqual([]);
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2025-12", 13)).toBe("2027-01");
  });
});
