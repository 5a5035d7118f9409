import { describe, expect, it } from "vitest";
import { judgeAbsence } from "./campaign-evidence.js";

const inv = (observedAt: string) => ({ inputId: 3, observedAt, file: "inv.csv" });

describe("evidence of absence", () => {
  it("needs an inventory of the host taken after the last sighting", () => {
    expect(
      judgeAbsence({ lastSeen: "2024-10-01T00:00:00Z", inventoryAfter: null, lastNetwork: null }),
    ).toMatchObject({
      verified: false,
      reason: expect.stringMatching(/^no inventory of the host since/),
    });
    expect(
      judgeAbsence({
        lastSeen: "2024-10-01T00:00:00Z",
        inventoryAfter: inv("2024-10-01T00:00:00Z"),
        lastNetwork: null,
      }),
    ).toMatchObject({ verified: false });
    expect(
      judgeAbsence({
        lastSeen: "2024-10-01T00:00:00Z",
        inventoryAfter: inv("2024-10-02T00:00:00Z"),
        lastNetwork: null,
      }),
    ).toMatchObject({ verified: true, inputId: 3, observedAt: "2024-10-02T00:00:00Z" });
  });

  it("refuses while the host talks to Kaspersky after that inventory, not during the removal window", () => {
    const v = judgeAbsence({
      lastSeen: "2024-10-01T00:00:00Z",
      inventoryAfter: inv("2024-10-05T00:00:00Z"),
      lastNetwork: "2024-10-06T08:00:00Z",
    });
    expect(v).toMatchObject({
      verified: false,
      reason: expect.stringMatching(/network indicator .* 2024-10-06T08/),
    });
    expect(
      judgeAbsence({
        lastSeen: "2024-10-01T00:00:00Z",
        inventoryAfter: inv("2024-10-05T00:00:00Z"),
        lastNetwork: "2024-10-03T00:00:00Z",
      }),
    ).toMatchObject({ verified: true });
  });
});
