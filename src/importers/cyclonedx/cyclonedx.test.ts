import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { productsByHost, scan, scanFile } from "../../../test/scan-helpers.js";
import { sharedFile } from "../../../test/shared.js";
import type { Observation } from "../../model/observation.js";
import { TextInput } from "../input/text-input.js";
import type { ObservationSink } from "../types.js";
import { cyclonedx } from "./index.js";

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
  await cyclonedx.parse({ input: TextInput.fromBuffer(name, data), sink, options: {}, file: name });
  return { observations, issues, records };
}

/** Components counted the naive way, to check the importer's count against. */
function countJsonComponents(list: unknown): number {
  if (!Array.isArray(list)) return 0;
  return list.reduce(
    (n: number, c: { components?: unknown }) => n + 1 + countJsonComponents(c.components),
    0,
  );
}

const byName = (obs: Observation[]) => new Map(obs.map((o) => [o.fields.name, o]));

describe("cyclonedx: real samples (CycloneDX/bom-examples)", () => {
  const samples = [
    ["cyclonedx-bom-examples-cern-lhc-vdm-editor.cdx-1.2.json", 43, "asset:lhc-vdm-editor@0.0.1"],
    [
      "cyclonedx-bom-examples-laravel-7.12.0.cdx-1.4.json",
      62,
      "asset:cyclonedx-php-composer-demo@dev-master",
    ],
    [
      "cyclonedx-bom-examples-proton-bridge-v1.8.0.cdx-1.2.json",
      201,
      "asset:github.com/protonmail/proton-bridge@v1.8.0",
    ],
  ] as const;

  for (const [name, count, asset] of samples) {
    it(`reads every component of ${name} and finds no Kaspersky`, async () => {
      const path = sharedFile("samples", "sbom-cyclonedx", name);
      if (!path) return;
      const naive = countJsonComponents(JSON.parse(readFileSync(path, "utf8")).components);
      expect(naive).toBe(count);
      const r = await scanFile(path);
      expect(r.inputs[0]!.format).toBe("cyclonedx");
      expect(r.inputs[0]!.records).toBe(count);
      expect(r.issues).toEqual([]);
      expect(r.findings).toEqual([]);
      expect(r.hosts.map((h) => [h.id, h.kind, h.seenIn])).toEqual([[asset, "asset", ["sbom"]]]);
    });
  }

  it("reads the XML serialisation of the CERN SBOM into the same components as its JSON", async () => {
    const xmlPath = sharedFile(
      "samples",
      "sbom-cyclonedx",
      "cyclonedx-bom-examples-cern-lhc-vdm-editor.cdx-1.2.xml",
    );
    const jsonPath = sharedFile(
      "samples",
      "sbom-cyclonedx",
      "cyclonedx-bom-examples-cern-lhc-vdm-editor.cdx-1.2.json",
    );
    if (!xmlPath || !jsonPath) return;
    const r = await scanFile(xmlPath);
    expect(r.inputs[0]!.format).toBe("cyclonedx");
    expect(r.inputs[0]!.records).toBe(43);
    expect(r.findings).toEqual([]);
    expect(r.issues).toEqual([]);
    const fromXml = await collect("x.xml", readFileSync(xmlPath));
    const fromJson = await collect("x.json", readFileSync(jsonPath));
    const pick = (o: Observation) => [
      o.fields.name,
      o.fields.version,
      o.fields.purl,
      o.fields.text,
      o.host.name,
    ];
    expect(fromXml.observations.length).toBe(44);
    // The two files were generated seconds apart; the components are the same.
    expect(fromXml.observations.map(pick)).toEqual(fromJson.observations.map(pick));
  });
});

describe("cyclonedx: fixtures", () => {
  it("finds the KAV SDK nested inside a firmware appliance as an integrated engine", async () => {
    const r = await scanFile(fx("firmware-appliance-kav-sdk.cdx-1.6.json"));
    expect(productsByHost(r)).toEqual({ "asset:sg-2400 secure gateway firmware@4.2.1": ["kav-sdk"] });
    const f = r.findings[0]!;
    expect(f.class).toBe("integrated");
    expect(f.confidence).toBe("confirmed");
    expect(f.firstSeen).toBe("2024-05-14T07:12:44.000Z");
    expect([...new Set(f.evidence.map((e) => e.field))].sort()).toEqual(["name", "publisher", "text"]);
    for (const e of f.evidence) {
      expect(e.locator).toBe("components[3].components[0] (kav-sdk-8.0)");
      expect(e.record).toBe(5);
    }
    // 5 top-level components and 2 nested; the 1.6 `metadata.tools` object is not a component.
    expect(r.inputs[0]!.records).toBe(7);
    expect(r.hosts).toHaveLength(1);
  });

  it("finds KESL by its Debian package in a Linux image SBOM", async () => {
    const r = await scanFile(fx("linux-image-kesl.cdx-1.5.json"));
    expect(productsByHost(r)).toEqual({
      "asset:registry.example.org/ops/debian-hardened@12.5-2024.06": ["kaspersky-endpoint-security-linux"],
    });
    const f = r.findings[0]!;
    expect(f.class).toBe("integrated");
    expect(f.confidence).toBe("confirmed");
    expect(f.evidence.map((e) => [e.field, e.value]).sort()).toEqual([
      ["package", "kesl"],
      ["purl", "pkg:deb/debian/kesl@12.0.0.6672"],
    ]);
    expect(f.evidence[0]!.line).toBe(54);
  });

  it("reports Kaspresso in an Android app as the not-covered test framework and nothing else", async () => {
    const r = await scanFile(fx("android-app-kaspresso.cdx-1.4.json"));
    expect(productsByHost(r)).toEqual({ "asset:mobile-banking-android@7.3.0": ["kaspresso"] });
    const f = r.findings[0]!;
    expect(f.scope).toBe("not-covered");
    expect(f.evidence.map((e) => e.value).sort()).toEqual([
      "com.kaspersky.android-components:kaspresso",
      "pkg:maven/com.kaspersky.android-components/kaspresso@1.5.3?type=aar",
    ]);
    // the "Kaspersky" publisher on the same component is set aside, not a second product
    expect(f.suppressed?.map((s) => s.signature)).toEqual(["vendor.publisher"]);
  });

  it("flags none of the look-alikes (casper, Kaspi Bank, kaspa) in XML", async () => {
    const r = await scanFile(fx("clean-lookalikes.cdx-1.3.xml"));
    expect(r.findings).toEqual([]);
    expect(r.suppressed).toEqual([]);
    expect(r.inputs[0]!.records).toBe(6);
    const { observations } = await collect("clean.xml", readFileSync(fx("clean-lookalikes.cdx-1.3.xml")));
    const seen = byName(observations);
    expect(seen.get("pay-sdk")!.fields).toMatchObject({
      publisher: "Kaspi Bank",
      package: "@kaspi/pay-sdk",
      text: "Kaspi.kz payments & QR checkout SDK",
    });
    expect(seen.get("express")!.fields.publisher).toBe("TJ Holowaychuk <tj@vision-media.ca>");
    expect(seen.get("body-parser")!.origin.locator).toBe(
      "components[4].components[0] (pkg:npm/body-parser@1.20.2)",
    );
    // XML records carry the line their <component> starts on, nested ones included
    const text = readFileSync(fx("clean-lookalikes.cdx-1.3.xml"), "utf8").split("\n");
    const lineOf = (needle: string) => text.findIndex((l) => l.includes(needle)) + 1;
    expect(seen.get("body-parser")!.origin.line).toBe(lineOf('bom-ref="pkg:npm/body-parser@1.20.2"'));
    expect(seen.get("casper")!.origin.line).toBe(lineOf('bom-ref="pkg:npm/casper@0.1.1"'));
  });

  it("maps component fields: publisher fallbacks, maven group:name, group/name elsewhere", async () => {
    const { observations } = await collect(
      "fields.json",
      JSON.stringify({
        bomFormat: "CycloneDX",
        specVersion: "1.6",
        components: [
          { name: "a", publisher: "P", supplier: { name: "S" }, author: "A" },
          { name: "b", supplier: { name: "S" }, author: "A", manufacturer: { name: "M" } },
          { name: "c", author: "A", manufacturer: { name: "M" } },
          { name: "d", manufacturer: { name: "M" } },
          { name: "e", authors: [{ name: "First" }, { name: "Second" }] },
          { name: "kaspresso", group: "com.kaspersky.android-components", purl: "pkg:maven/x/y@1" },
          { name: "core", group: "@angular", version: 17 },
        ],
      }),
    );
    const f = (n: string) => byName(observations).get(n)!.fields;
    expect(["a", "b", "c", "d", "e"].map((n) => f(n).publisher)).toEqual(["P", "S", "A", "M", "First"]);
    expect(f("kaspresso").package).toBe("com.kaspersky.android-components:kaspresso");
    expect(f("core")).toMatchObject({ package: "@angular/core", version: "17" });
    expect(observations.every((o) => o.kind === "package" && o.embedded === true)).toBe(true);
    // no metadata.component: the file name stands for the asset
    expect(observations[0]!.host).toEqual({ kind: "asset", name: "fields" });
  });

  it("keeps good components when others are malformed, with record and line for each bad one", async () => {
    const data = [
      "{",
      '  "bomFormat": "CycloneDX",',
      '  "specVersion": "1.4",',
      '  "components": [',
      '    { "name": "zlib", "version": "1.3" },',
      '    { "version": "2.0", "purl": "pkg:npm/nameless@2.0" },',
      '    { "name": 42 },',
      '    { "name": "broken", "version": 1.2.3 },',
      '    { "name": "Kaspersky Endpoint Security for Linux", "version": "11.4", "publisher": "AO Kaspersky Lab" },',
      '    { "name": "parent", "version": {}, "components": [ { "name": "KAV SDK" } ] }',
      "  ]",
      "}",
    ].join("\n");
    const r = await scan([{ name: "bad.cdx.json", data }]);
    expect(productsByHost(r)).toEqual({
      "asset:bad": ["kaspersky-endpoint-security-linux", "kav-sdk"],
    });
    expect(r.inputs[0]!.records).toBe(7);
    expect(r.issues.map((i) => [i.line, i.record, i.code])).toEqual([
      [6, 2, "cyclonedx-bad-component"],
      [7, 3, "cyclonedx-bad-component"],
      [8, 4, "cyclonedx-bad-component"],
      [10, 6, "cyclonedx-bad-component"],
    ]);
    expect(r.issues[0]!.message).toContain("components[1]: name");
    expect(r.issues[2]!.message).toContain("not JSON");
    expect(r.issues[3]!.message).toContain("version");
  });

  it("keeps the components before the point where a JSON file is cut short", async () => {
    const text = readFileSync(fx("linux-image-kesl.cdx-1.5.json"), "utf8");
    const cut = text.slice(0, text.indexOf('"bom-ref": "pkg:deb/debian/openssh-server'));
    const r = await scan([{ name: "cut.json", data: cut }]);
    expect(productsByHost(r)).toEqual({
      "asset:registry.example.org/ops/debian-hardened@12.5-2024.06": ["kaspersky-endpoint-security-linux"],
    });
    expect(r.inputs[0]!.records).toBe(4);
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([["cyclonedx-damaged", 66]]);
    expect(r.issues[0]!.message).toContain("truncated");
  });

  it("keeps the components before the damage in XML", async () => {
    const text = readFileSync(fx("clean-lookalikes.cdx-1.3.xml"), "utf8").replace(
      "<name>casper</name>",
      "<name>Kaspersky Security for Linux Mail Server</name>",
    );
    const cut = text.slice(0, text.indexOf("<name>kaspa-wasm"));
    const r = await scan([{ name: "cut.xml", data: `${cut}\n<<garbage` }]);
    expect(productsByHost(r)).toEqual({
      "asset:payments-gateway@3.8.0": ["kaspersky-security-linux-mail-server"],
    });
    expect(r.inputs[0]!.records).toBe(3);
    expect(r.issues.map((i) => i.code)).toEqual(["cyclonedx-damaged"]);
    expect(r.findings[0]!.evidence[0]!.line).toBe(19);
  });

  it("never expands entities a DOCTYPE declares (no XXE, no billion laughs)", async () => {
    const laughs = Array.from({ length: 10 }, (_, i) =>
      i === 0 ? '<!ENTITY l0 "lol">' : `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`,
    ).join("\n");
    const data = `<?xml version="1.0"?>
<!DOCTYPE bom [
<!ENTITY k "Kaspersky Endpoint Security for Linux">
<!ENTITY file SYSTEM "file:///etc/passwd">
${laughs}
]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
  <components>
    <component type="library"><name>&k;</name><version>&l9;</version></component>
    <component type="library"><name>passwd</name><description>&file;</description></component>
    <component type="library"><name>A &amp; B &#x4B;&#65;V</name></component>
  </components>
</bom>`;
    const started = Date.now();
    const r = await scan([{ name: "xxe.xml", data }]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.findings).toEqual([]);
    expect(r.inputs[0]!.records).toBe(3);
    expect(r.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ["xml-doctype-ignored", "warning", 2],
    ]);
    const { observations } = await collect("xxe.xml", data);
    expect(observations.map((o) => [o.fields.name, o.fields.version ?? o.fields.text ?? ""])).toEqual([
      ["&k;", "&l9;"],
      ["passwd", "&file;"],
      ["A & B KAV", ""],
    ]);
  });

  it("reads gzip-compressed SBOMs", async () => {
    const data = gzipSync(readFileSync(fx("firmware-appliance-kav-sdk.cdx-1.6.json")));
    const r = await scan([{ name: "fw.cdx.json.gz", data }]);
    expect(r.inputs[0]!.format).toBe("cyclonedx");
    expect(productsByHost(r)).toEqual({ "asset:sg-2400 secure gateway firmware@4.2.1": ["kav-sdk"] });
  });

  it("sniffs JSON by bomFormat or the CycloneDX schema and XML by namespace, nothing else", () => {
    expect(cyclonedx.sniff('{\n  "bomFormat" : "CycloneDX", "specVersion": "1.6"')).toBe(0.95);
    expect(cyclonedx.sniff('\uFEFF{"$schema": "http://cyclonedx.org/schema/bom-1.5.schema.json"')).toBe(0.9);
    expect(
      cyclonedx.sniff('<?xml version="1.0"?>\n<bom version="1" xmlns="http://cyclonedx.org/schema/bom/1.2">'),
    ).toBe(0.95);
    expect(cyclonedx.sniff('{"bomFormat": "SPDX"}')).toBe(0);
    expect(cyclonedx.sniff('{"description": "write \\"bomFormat\\": \\"CycloneDX\\" first"}')).toBe(0);
    expect(cyclonedx.sniff('<bom xmlns="http://example.org/bom/1.2">')).toBe(0);
    expect(cyclonedx.sniff('name,publisher\n"{""bomFormat"": ""CycloneDX""}",x')).toBe(0);
  });
});
