import { describe, expect, it } from "vitest";
import { buildProgram } from "./main.js";
import { SCAN_VALUE_OPTIONS, scanPaths } from "./prefetch.js";

describe("scan argv pre-reading (digest head start)", () => {
  it("knows every scan option that takes a value", async () => {
    const program = await buildProgram(["node", "offramp", "scan"]);
    const scan = program.commands.find((c) => c.name() === "scan")!;
    const valued = scan.options
      .filter((o) => o.required || o.optional)
      .flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f)));
    expect([...SCAN_VALUE_OPTIONS].sort()).toEqual(valued.sort());
  });

  it("keeps the paths and skips option values", () => {
    expect(
      scanPaths([
        "a.log",
        "--format",
        "json",
        "-o",
        "r.json",
        "--no-progress",
        "--as-of=2024-10-01",
        "b",
        "-",
        "--",
        "-c",
      ]),
    ).toEqual(["a.log", "b", "-", "-c"]);
  });
});
