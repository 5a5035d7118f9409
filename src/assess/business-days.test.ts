import { describe, expect, it } from "vitest";
import { addBusinessDays, isBusinessDay, usFederalHolidays } from "./business-days.js";

describe("U.S. federal business days", () => {
  it("knows the 2024 holidays, with observed dates", () => {
    const h = usFederalHolidays(2024);
    for (const d of [
      "2024-01-01",
      "2024-01-15",
      "2024-02-19",
      "2024-05-27",
      "2024-06-19",
      "2024-07-04",
      "2024-09-02",
      "2024-10-14",
      "2024-11-11",
      "2024-11-28",
      "2024-12-25",
    ]) {
      expect(h.has(d), d).toBe(true);
    }
    expect(h.size).toBe(11);
  });

  it("moves Saturday holidays to Friday and Sunday ones to Monday", () => {
    expect(usFederalHolidays(2026).has("2026-07-03")).toBe(true); // July 4, 2026 is a Saturday
    expect(usFederalHolidays(2022).has("2022-12-26")).toBe(true); // Dec 25, 2022 is a Sunday
    expect(usFederalHolidays(2021).has("2021-12-31")).toBe(true); // Jan 1, 2022 is a Saturday
  });

  it("has no Juneteenth before 2021", () => {
    expect([...usFederalHolidays(2020)].some((d) => d.endsWith("-06-19"))).toBe(false);
  });

  it("skips weekends and holidays when counting", () => {
    expect(isBusinessDay("2024-11-28")).toBe(false);
    expect(addBusinessDays("2024-11-26", 3)).toBe("2024-12-02"); // Wed 27, (Thu 28 Thanksgiving), Fri 29, Mon 2
    expect(addBusinessDays("2024-11-26", 10)).toBe("2024-12-11");
    expect(addBusinessDays("2024-12-20", 3)).toBe("2024-12-26"); // Mon 23, Tue 24, (Wed 25), Thu 26
  });
});
