import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { productsByHost, scan, scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";
import type { Observation } from "../../model/observation.js";
import { TextInput } from "../input/text-input.js";
import type { ObservationSink } from "../types.js";
import { spdx } from "./index.js";

const fx = (name: string) => join(import.meta.dirname, "fixtures", name);

/** Every observation the importer makes (the pre-filter lets all through), with issues and records. */
async function collect(name: string, data: string | Buffer) {
  const observations: Observation[] = [];
  const issues: Parameters<ObservationSink["issue"]>[0][] = [];
  let records = 0;
  const sink: ObservationSink = {
    prefilter: /[\s\S]/,
    observe: (o) => observations.push(o),
    seen: () => {},
    record: (n = 1) => {
      records += n;
    },
    issue: (i) => issues.push(i),
  };
  await spdx.parse({ input: TextInput.fromBuffer(name, data), sink, options: {}, file: name });
  return { observations, issues, records };
}

const byName = (obs: Observation[]) => new Map(obs.map((o) => [o.fields.name, o]));

/** Packages counted the naive way, to check the importer's count against. */
function naiveCount(path: string): number {
  const doc = JSON.parse(readFileSync(path, "utf8"));
  if (Array.isArray(doc.packages)) return doc.packages.length;
  return doc["@graph"].filter((e: { type?: string }) => e.type === "software_Package").length;
}

describe("spdx: real samples (spdx/spdx-examples)", () => {
  const samples = [
    ["spdx-examples-ACME-v2.3.spdx.json", 4, "asset:acme applcation@2.3"],
    ["spdx-examples-example11-sbom.spdx-2.3.json", 4, "asset:hello-server-src@0.1.0"],
    ["spdx-examples-example11-sbom.spdx-3.0.json", 4, "asset:hello-server-src@0.1.0"],
    ["spdx-examples-example9-appbomination.spdx-2.2.json", 7, "asset:app-bom-ination@1.0"],
  ] as const;

  for (const [name, count, asset] of samples) {
    it(`reads every package of ${name} and finds no Kaspersky`, async () => {
      const path = sharedFile("samples", "sbom-spdx", name);
      if (!path) return;
      expect(naiveCount(path)).toBe(count);
      const r = await scanFile(path);
      expect(r.inputs[0]!.format).toBe("spdx");
      expect(r.inputs[0]!.records).toBe(count);
      expect(r.issues).toEqual([]);
      expect(r.findings).toEqual([]);
      expect(r.hosts.map((h) => [h.id, h.kind, h.seenIn])).toEqual([[asset, "asset", ["sbom"]]]);
    });
  }

  it("reads example11 as 2.3 JSON and as 3.0 JSON-LD into the same packages", async () => {
    const v2 = sharedFile("samples", "sbom-spdx", "spdx-examples-example11-sbom.spdx-2.3.json");
    const v3 = sharedFile("samples", "sbom-spdx", "spdx-examples-example11-sbom.spdx-3.0.json");
    if (!v2 || !v3) return;
    const pick = (o: Observation) => [o.fields.name, o.fields.version, o.fields.purl, o.host.name];
    const sorted = (obs: Observation[]) =>
      obs.map(pick).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const a = await collect("v2.json", readFileSync(v2));
    const b = await collect("v3.json", readFileSync(v3));
    expect(a.observations).toHaveLength(4);
    expect(sorted(a.observations)).toEqual(sorted(b.observations));
  });

  it("takes supplier over originator and drops the Organization:/Person: prefix", async () => {
    const path = sharedFile("samples", "sbom-spdx", "spdx-examples-ACME-v2.3.spdx.json");
    if (!path) return;
    const { observations } = await collect("acme.json", readFileSync(path));
    const acme = byName(observations).get("Acme Applcation")!;
    expect(acme.fields).toMatchObject({ publisher: "Jane Doe", version: "2.3" });
    expect(acme.fields.text).toBe("The ACME package is a typical application we use in SPDX examples");
    expect(byName(observations).get("OpenSSL")!.fields.purl).toBe("pkg:alpine/openssl@3.0.4");
    expect(acme.at).toBe("2023-10-08T18:30:22.000Z");
  });
});

describe("spdx: fixtures", () => {
  it("finds KESL in a Linux image SBOM (2.3) by its Debian package", async () => {
    const r = await scanFile(fx("linux-image-kesl.spdx-2.3.json"));
    const asset =
      "asset:registry.example.org/ops/debian-hardened@sha256:0b7e5d3c1a9f8e6d4c2b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d";
    expect(productsByHost(r)).toEqual({ [asset]: ["kaspersky-endpoint-security-linux"] });
    const f = r.findings[0]!;
    expect(f.class).toBe("integrated");
    expect(f.confidence).toBe("confirmed");
    expect(f.evidence.map((e) => [e.field, e.locator])).toEqual([
      ["package", "packages[1] (SPDXRef-Package-deb-kesl-9a4c2e7f1b3d5068)"],
      ["purl", "packages[1] (SPDXRef-Package-deb-kesl-9a4c2e7f1b3d5068)"],
    ]);
    expect(r.inputs[0]!.records).toBe(5);
  });

  it("drops NOASSERTION and contact details from suppliers", async () => {
    const { observations } = await collect("img.json", readFileSync(fx("linux-image-kesl.spdx-2.3.json")));
    const seen = byName(observations);
    expect(seen.get("kesl")!.fields.publisher).toBeUndefined();
    expect(seen.get("kesl")!.fields.cpe).toBe("cpe:2.3:a:kesl:kesl:12.0.0.6672:*:*:*:*:*:*:*");
    expect(seen.get("base-files")!.fields.publisher).toBe("Santiago Vila");
    expect(seen.get("libssl3")!.fields.publisher).toBe("Debian OpenSSL Team");
  });

  it("reports Kaspresso in an Android app (2.2) as the not-covered test framework and nothing else", async () => {
    const r = await scanFile(fx("android-app-kaspresso.spdx-2.2.json"));
    expect(productsByHost(r)).toEqual({ "asset:mobile-banking-android@7.3.0": ["kaspresso"] });
    const f = r.findings[0]!;
    expect(f.scope).toBe("not-covered");
    expect(f.evidence.map((e) => e.value).sort()).toEqual([
      "com.kaspersky.android-components:kaspresso",
      "pkg:maven/com.kaspersky.android-components/kaspresso@1.5.3",
    ]);
    expect(f.suppressed?.map((s) => [s.signature, s.value])).toEqual([["vendor.publisher", "Kaspersky Lab"]]);
  });

  it("finds the KAV SDK in a firmware SBOM (3.0), its supplier resolved to the organisation's name", async () => {
    const r = await scanFile(fx("firmware-appliance-kav-sdk.spdx-3.0.json"));
    expect(productsByHost(r)).toEqual({ "asset:sg-2400 secure gateway firmware@4.2.1": ["kav-sdk"] });
    const f = r.findings[0]!;
    expect(f.class).toBe("integrated");
    expect(f.confidence).toBe("confirmed");
    expect(f.evidence.map((e) => [e.field, e.value])).toEqual([
      ["name", "KAV SDK"],
      ["publisher", "AO Kaspersky Lab"],
    ]);
    expect(f.firstSeen).toBe("2024-05-14T07:15:00.000Z");
    expect(r.inputs[0]!.records).toBe(5);
    const { observations } = await collect(
      "fw.json",
      readFileSync(fx("firmware-appliance-kav-sdk.spdx-3.0.json")),
    );
    expect(byName(observations).get("KAV SDK")!.fields.purl).toBe("pkg:generic/kaspersky/kav-sdk@8.0");
    expect(byName(observations).get("openssl")!.fields.cpe).toBe(
      "cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*",
    );
  });

  it("flags none of the look-alikes (casper, Kaspi Bank, kaspa)", async () => {
    const r = await scanFile(fx("clean-lookalikes.spdx-2.3.json"));
    expect(r.findings).toEqual([]);
    expect(r.suppressed).toEqual([]);
    expect(r.inputs[0]!.records).toBe(5);
    const { observations } = await collect("clean.json", readFileSync(fx("clean-lookalikes.spdx-2.3.json")));
    expect(byName(observations).get("@kaspi/pay-sdk")!.fields.publisher).toBe("Kaspi Bank");
  });

  it("keeps good packages when others are malformed, with record and line for each bad one", async () => {
    const data = [
      "{",
      '  "spdxVersion": "SPDX-2.3",',
      '  "SPDXID": "SPDXRef-DOCUMENT",',
      '  "name": "mixed",',
      '  "packages": [',
      '    { "SPDXID": "SPDXRef-1", "versionInfo": "1.0" },',
      '    { "SPDXID": "SPDXRef-2", "name": "kesl", "externalRefs": "pkg:deb/debian/kesl" },',
      '    { "SPDXID": "SPDXRef-3", "name": "x", "versionInfo": 1.0.0 },',
      '    { "SPDXID": "SPDXRef-4", "name": "kesl", "versionInfo": "11.1.0.3013" }',
      "  ]",
      "}",
    ].join("\n");
    const r = await scan([{ name: "mixed.spdx.json", data }]);
    expect(productsByHost(r)).toEqual({ "asset:mixed": ["kaspersky-endpoint-security-linux"] });
    expect(r.findings[0]!.evidence[0]!.record).toBe(4);
    expect(r.inputs[0]!.records).toBe(4);
    expect(r.issues.map((i) => [i.line, i.record, i.code])).toEqual([
      [6, 1, "spdx-bad-package"],
      [7, 2, "spdx-bad-package"],
      [8, 3, "spdx-bad-package"],
    ]);
    expect(r.issues[1]!.message).toContain("externalRefs");
  });

  it("keeps the graph elements before the point where a 3.0 document is cut short", async () => {
    const text = readFileSync(fx("firmware-appliance-kav-sdk.spdx-3.0.json"), "utf8");
    const cut = text.slice(0, text.indexOf('"name": "openssl"'));
    const r = await scan([{ name: "cut.json", data: cut }]);
    expect(productsByHost(r)).toEqual({ "asset:sg-2400 secure gateway firmware@4.2.1": ["kav-sdk"] });
    expect(r.inputs[0]!.records).toBe(4);
    expect(r.issues.map((i) => i.code)).toEqual(["spdx-damaged"]);
  });

  it("sniffs SPDX 2.x JSON and 3.0 JSON-LD, not tag-value or other JSON-LD", () => {
    expect(spdx.sniff('{ "SPDXID" : "SPDXRef-DOCUMENT", "spdxVersion" : "SPDX-2.2"')).toBe(0.95);
    expect(spdx.sniff('{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}')).toBe(
      0.95,
    );
    expect(spdx.sniff('{"@graph": [{"type": "SpdxDocument"}]}')).toBe(0.8);
    expect(spdx.sniff("SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n")).toBe(0);
    expect(spdx.sniff('{"@context": "https://schema.org", "@graph": []}')).toBe(0);
    expect(spdx.sniff('{"bomFormat": "CycloneDX", "specVersion": "1.5"}')).toBe(0);
  });
});
