import { describe, expect, it } from "vitest";
import { catalog } from "../../test/scan-helpers.js";
import { TextInput } from "../importers/input/text-input.js";
import type { Importer } from "../importers/types.js";
import { Scanner } from "./run.js";

/** An importer that hands its input's digest over later, as the network fast path does. */
function lateImporter(digest: Promise<{ digest: string; bytes: number }>): Importer {
  return {
    id: "late",
    title: "late digest",
    category: "network",
    sniff: () => 1,
    async parse(ctx) {
      ctx.sink.record(3);
      await ctx.input.settleLater(digest);
    },
  };
}

function later() {
  let resolve!: (d: { digest: string; bytes: number }) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<{ digest: string; bytes: number }>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const input = () => ({ name: "big.log", open: () => TextInput.fromBuffer("big.log", "a\nb\nc\n") });

describe("digests handed over after the records", () => {
  it("with deferDigests, the summary gets the digest when digests() resolves", async () => {
    const d = later();
    const scanner = new Scanner(catalog, { importers: [lateImporter(d.promise)], deferDigests: true });
    const summary = await scanner.add(input());
    expect(summary).toMatchObject({ digest: "", records: 3 });
    const result = scanner.finish();
    d.resolve({ digest: "ab".repeat(32), bytes: 6 });
    await scanner.digests();
    expect(result.inputs[0]).toMatchObject({ digest: "ab".repeat(32), bytes: 6 });
  });

  it("without it, add waits for the digest; a failed digest leaves it empty", async () => {
    const ok = later();
    ok.resolve({ digest: "cd".repeat(32), bytes: 6 });
    const waiting = new Scanner(catalog, { importers: [lateImporter(ok.promise)] });
    expect(await waiting.add(input())).toMatchObject({ digest: "cd".repeat(32), bytes: 6 });
    const bad = later();
    bad.reject(new Error("gone"));
    const failing = new Scanner(catalog, { importers: [lateImporter(bad.promise)], deferDigests: true });
    const summary = await failing.add(input());
    await failing.digests();
    expect(summary.digest).toBe("");
  });
});
