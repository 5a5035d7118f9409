import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { scan, scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";
import { FAST_PATH } from "./fast-scan.js";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const fixture = (name: string) => join(fixtures, name);

function summary(result: Awaited<ReturnType<typeof scan>>) {
  return result.findings.map((f) => ({
    host: f.host,
    product: f.product,
    confidence: f.confidence,
    signals: f.signals,
    after: f.updateAfterCutoff,
  }));
}

describe("zeek importer: fixtures", () => {
  it("reads a dns.log with a rotated header, case-folded names, decoys and a resolver fallback", async () => {
    const r = await scanFile(fixture("dns-kaspersky.log"));
    expect(r.inputs[0]?.format).toBe("zeek");
    expect(r.inputs[0]?.records).toBe(17);
    expect(summary(r)).toEqual([
      {
        host: "10.10.0.21",
        product: "kaspersky-unidentified",
        confidence: "confirmed",
        signals: { activation: 1, ksn: 1, update: 2 },
        after: true,
      },
      {
        host: "10.10.0.33",
        product: "kaspersky-website-visit",
        confidence: "possible",
        signals: { "web-visit": 1 },
        after: false,
      },
      {
        host: "10.10.0.50",
        product: "kaspersky-unidentified",
        confidence: "likely",
        signals: { update: 1 },
        after: true,
      },
    ]);
    const main = r.findings[0]!;
    expect(main.firstSeen).toBe("2024-09-20T00:00:00.123Z");
    expect(main.lastSeen).toBe("2024-10-01T12:01:00.250Z");
    expect(main.evidence.find((e) => e.signal === "activation")?.resolver).toBe("8.8.8.8");
    expect(main.evidence.map((e) => e.line)).toEqual([9, 10, 11, 12]);
    // the host that only looked up look-alikes, and the CNAME answer naming Kaspersky, gave nothing
    expect(r.findings.some((f) => f.host === "10.10.0.44")).toBe(false);
  });

  it("reads Zeek JSON lines with ISO and epoch times", async () => {
    const r = await scanFile(fixture("dns-kaspersky.ndjson"));
    expect(summary(r)).toEqual([
      {
        host: "192.168.7.15",
        product: "kaspersky-unidentified",
        confidence: "confirmed",
        signals: { ksn: 1, update: 1 },
        after: true,
      },
    ]);
    expect(r.findings[0]?.lastSeen).toBe("2024-10-02T08:00:01.500Z");
  });

  it("joins ssl.log with the x509.log beside it to find interception certificates", async () => {
    const r = await scanFile(fixture("ssl-kaspersky.log"));
    expect(summary(r)).toEqual([
      {
        host: "10.20.0.5",
        product: "kaspersky-unidentified",
        confidence: "likely",
        signals: { interception: 1 },
        after: false,
      },
      {
        host: "10.20.0.7",
        product: "kaspersky-unidentified",
        confidence: "likely",
        signals: { update: 1 },
        after: true,
      },
    ]);
    expect(r.findings[0]?.evidence[0]?.value).toContain("Kaspersky Anti-Virus Personal Root Certificate");
  });

  it("says an x509.log alone cannot name the client", async () => {
    const r = await scanFile(fixture("x509-kaspersky.log"));
    expect(r.findings).toEqual([]);
    expect(r.issues.map((i) => [i.code, i.severity, i.line])).toEqual([["zeek-x509", "info", 8]]);
  });

  it("reports KSC ports on the Administration Server, only between internal hosts", async () => {
    const r = await scanFile(fixture("conn-ksc.log"));
    expect(summary(r)).toEqual([
      {
        host: "10.30.0.2",
        product: "kaspersky-security-center",
        confidence: "likely",
        signals: { management: 5 },
        after: false,
      },
    ]);
    const peers = r.findings[0]!.evidence.map((e) => e.value.split(" ")[0]);
    expect(peers).toEqual(["10.30.1.11", "10.30.1.12", "10.30.1.13", "10.30.1.14", "10.30.9.9"]);
  });

  it("reads http.log Host headers, with a port", async () => {
    const r = await scanFile(fixture("http-kaspersky.log"));
    expect(summary(r)).toEqual([
      {
        host: "10.40.0.3",
        product: "kaspersky-unidentified",
        confidence: "likely",
        signals: { telemetry: 1, update: 1 },
        after: true,
      },
    ]);
  });

  it("reports a record with the wrong number of columns and keeps the rest", async () => {
    const text = readFileSync(fixture("dns-kaspersky.log"), "utf8").replace(
      "\tksn-file-geo.kaspersky-labs.com.\t1\tC_INTERNET",
      "\tksn-file-geo.kaspersky-labs.com.\t1",
    );
    const r = await scan([{ name: "broken.log", data: text }]);
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([["zeek-columns", 11]]);
    expect(r.findings[0]?.signals).toEqual({ activation: 1, update: 2 });
  });
});

describe("zeek importer: parallel fast path", () => {
  const saved = { ...FAST_PATH };
  afterEach(() => Object.assign(FAST_PATH, saved));

  it("gives the same report as the ordinary reader, plain and gzip", async () => {
    const dir = mkdtempSync(join(tmpdir(), "offramp-zeek-"));
    const gz = join(dir, "dns.log.gz");
    writeFileSync(gz, gzipSync(readFileSync(fixture("dns-kaspersky.log"))));
    const plainSlow = await scanFile(fixture("dns-kaspersky.log"));
    const gzSlow = await scanFile(gz);
    Object.assign(FAST_PATH, { minPlain: 0, minGzip: 0 });
    const plainFast = await scanFile(fixture("dns-kaspersky.log"));
    const gzFast = await scanFile(gz);
    expect(plainFast).toEqual(plainSlow);
    expect(gzFast).toEqual(gzSlow);
    expect(plainFast.issues).toEqual([]);
  });

  it("the scan command takes the digest when it arrives, after the records (deferred)", async () => {
    const { runScan } = await import("../../cli/scan-command.js");
    const { loadCatalog } = await import("../../catalog/load.js");
    const file = fixture("dns-kaspersky.log");
    Object.assign(FAST_PATH, { minPlain: 0 });
    const report = await runScan(loadCatalog(), [file], {
      asOf: "2024-10-15",
      profiles: ["us-private"],
      outputs: [],
      importOptions: {},
      colour: false,
      progress: false,
    });
    const bytes = readFileSync(file);
    expect(report.inputs[0]).toMatchObject({
      digest: createHash("sha256").update(bytes).digest("hex"),
      bytes: bytes.length,
      records: 17,
    });
  });

  it("re-scans a range that starts under a header its worker did not see", async () => {
    const text = readFileSync(fixture("dns-kaspersky.log"), "utf8");
    const [first, second] = text.split("#close\t2024-10-01-01-00-00\n") as [string, string];
    // a short first log, then a long rotated one with the query in another column
    const header = second.slice(0, second.lastIndexOf("#fields"));
    const fieldsLine = second.slice(second.lastIndexOf("#fields")).split("\n")[0]!;
    const body = second.split("\n").filter((l) => l && !l.startsWith("#"));
    const long = Array.from({ length: 400 }, (_, i) => body[i % body.length]!.replace("CROT", `R${i}-`)).join(
      "\n",
    );
    const file = join(mkdtempSync(join(tmpdir(), "offramp-zeek-")), "dns.log");
    writeFileSync(file, `${first.split("\n").slice(0, 9).join("\n")}\n${header}${fieldsLine}\n${long}\n`);
    const slow = await scanFile(file);
    Object.assign(FAST_PATH, { minPlain: 0, workers: 2 });
    const fast = await scanFile(file);
    expect(fast).toEqual(slow);
    // small chunks: the header change lands in another chunk than the records it governs
    Object.assign(FAST_PATH, { chunkBytes: 1024, rangeBytes: 1024 });
    expect(await scanFile(file)).toEqual(slow);
    const gz = join(mkdtempSync(join(tmpdir(), "offramp-zeek-")), "dns.log.gz");
    writeFileSync(gz, gzipSync(readFileSync(file)));
    Object.assign(FAST_PATH, { minGzip: 0 });
    const gzFast = await scanFile(gz);
    expect(gzFast.findings).toEqual(
      slow.findings.map((f) => ({ ...f, evidence: f.evidence.map((e) => ({ ...e, file: gz })) })),
    );
    expect(fast.findings.find((f) => f.host === "10.10.0.50")?.signals).toEqual({ update: 200 });
  });
});

describe("zeek importer: real samples (WRCCDC 2018, no Kaspersky traffic)", () => {
  const samples = [
    "wrccdc2018-conn.log",
    "wrccdc2018-dns.head1000.log",
    "wrccdc2018-dns.head1000.ndjson",
    "wrccdc2018-dns.security-vendor-lines.log",
    "wrccdc2018-ssl.head1000.log",
    "wrccdc2018-ssl.security-vendor-lines.log",
    "wrccdc2018-zeek-default_dns.log.gz",
    "wrccdc2018-zeek-default_ssl.log.gz",
    "wrccdc2018-zeek-default_x509.log.gz",
    "wrccdc2018-zeek-json_dns.json.gz",
  ];
  for (const name of samples) {
    it(`reads ${name} with no finding and no issue`, async () => {
      const path = sharedFile("samples", "zeek", name);
      if (!path) return;
      const r = await scanFile(path);
      expect(r.inputs[0]?.format).toBe("zeek");
      expect(r.inputs[0]?.records).toBeGreaterThan(0);
      expect(r.findings).toEqual([]);
      expect(r.issues).toEqual([]);
    });
  }

  it("counts every record of the full dns log, also on the fast path", async () => {
    const path = sharedFile("samples", "zeek", "wrccdc2018-zeek-default_dns.log.gz");
    if (!path) return;
    const saved = { ...FAST_PATH };
    try {
      Object.assign(FAST_PATH, { minGzip: 0 });
      const r = await scanFile(path);
      expect(r.inputs[0]?.records).toBe(53_615);
      expect(r.issues).toEqual([]);
    } finally {
      Object.assign(FAST_PATH, saved);
    }
  });
});
