import { describe, expect, it } from "vitest";
import { Interner } from "./interner.js";

describe("Interner", () => {
  it("hands out one string per distinct value, compared in place", () => {
    const i = new Interner();
    const text = "a,Microsoft Corporation,x\nb,Microsoft Corporation,y\nc,Microsoft Corp,z";
    const first = i.get(text, 2, 23);
    const second = i.get(text, 28, 49);
    expect(first).toBe("Microsoft Corporation");
    expect(second).toBe(first);
    expect(i.get(text, 54, 68)).toBe("Microsoft Corp");
  });

  it("stops keeping values past its limit but still answers", () => {
    const i = new Interner(1);
    expect(i.get("abc", 0, 1)).toBe("a");
    expect(i.get("abc", 1, 2)).toBe("b");
    expect(i.get("abc", 1, 2)).toBe("b");
  });
});
