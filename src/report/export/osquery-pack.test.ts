import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  type CaseValue,
  caseValues,
  catalogCopy,
  HOSTILE,
  oracleFirst,
  pythonSqlite,
  type Row,
  runSqlite,
  type SqlRun,
} from "../../../test/export-harness.js";
import { loadCatalog } from "../../catalog/load.js";
import type { FieldName } from "../../model/observation.js";
import { fleetPolicies } from "./fleet-policies.js";
import { osqueryPack } from "./osquery-pack.js";
import { osqueryTables, rulesFor } from "./osquery-sql.js";
import { buildPlan, type ExportPlan } from "./plan.js";

const catalog = loadCatalog();
const plan = buildPlan(catalog, { includeLow: true });

/** The columns of the osquery tables the exports read (as osquery's specs name them). */
const SCHEMA: Record<string, string[]> = {
  programs: ["name", "version", "publisher", "install_location", "identifying_number", "uninstall_string"],
  windows_security_products: ["name", "type", "state", "remediation_path"],
  services: ["name", "display_name", "status", "start_type", "path"],
  drivers: ["image", "service", "provider", "description", "version"],
  apps: ["name", "bundle_identifier", "bundle_short_version", "path", "info_string"],
  deb_packages: ["name", "version", "maintainer"],
  rpm_packages: ["name", "version", "vendor"],
  systemd_units: ["id", "description", "active_state", "fragment_path"],
  users: ["uid"],
  chrome_extensions: ["name", "identifier", "version", "author", "browser_type", "uid"],
  firefox_addons: ["name", "identifier", "version", "creator", "uid"],
  processes: ["pid", "name", "path", "cmdline"],
  registry: ["key", "path", "name", "type", "data"],
};

type Layout = {
  field: FieldName;
  row: (v: string) => Row;
  seen?: (v: string) => Partial<Record<FieldName, string>>;
};

const base = (v: string) => v.split(/[\\/]/).pop() ?? v;

/** How osquery would show a value of each field in each table (written from osquery's table specs). */
const LAYOUT: Record<string, Layout[]> = {
  programs: [
    { field: "name", row: (v) => ({ name: v }) },
    { field: "publisher", row: (v) => ({ publisher: v }) },
    { field: "path", row: (v) => ({ install_location: v }) },
    { field: "productCode", row: (v) => ({ identifying_number: v }) },
    { field: "text", row: (v) => ({ uninstall_string: v }) },
  ],
  windows_security_products: [{ field: "name", row: (v) => ({ name: v }) }],
  services: [
    { field: "service", row: (v) => ({ name: v }) },
    { field: "name", row: (v) => ({ display_name: v }) },
  ],
  drivers: [
    {
      field: "driver",
      row: (v) => ({ image: /[\\/]/.test(v) ? v : `C:\\Windows\\System32\\drivers\\${v}` }),
    },
    { field: "publisher", row: (v) => ({ provider: v }) },
  ],
  apps: [
    { field: "bundleId", row: (v) => ({ bundle_identifier: v }) },
    { field: "name", row: (v) => ({ name: `${v}.app` }) },
    { field: "text", row: (v) => ({ info_string: v }) },
  ],
  deb_packages: [
    { field: "package", row: (v) => ({ name: v }), seen: (v) => ({ package: v, name: v }) },
    { field: "name", row: (v) => ({ name: v }), seen: (v) => ({ package: v, name: v }) },
    { field: "publisher", row: (v) => ({ maintainer: v }) },
  ],
  systemd_units: [{ field: "service", row: (v) => ({ id: v }) }],
  chrome_extensions: [
    { field: "extensionId", row: (v) => ({ identifier: v, uid: "1" }) },
    { field: "name", row: (v) => ({ name: v, uid: "1" }) },
  ],
  processes: [
    {
      field: "process",
      row: (v) => ({ name: base(v), path: /[\\/]/.test(v) ? v : null }),
      seen: (v) => ({ process: v, ...(/[\\/]/.test(v) && { path: v }) }),
    },
    { field: "path", row: (v) => ({ path: v }) },
  ],
};

/** A reported column no rule reads: it carries the row's number through the query. */
const MARKER: Record<string, string> = {
  programs: "version",
  windows_security_products: "type",
  services: "status",
  drivers: "version",
  apps: "bundle_short_version",
  deb_packages: "version",
  systemd_units: "description",
  chrome_extensions: "version",
  processes: "pid",
};

interface Probe {
  table: string;
  label: string;
  expected: string | undefined;
}

/** One SQLite run per table, every case value as its own row; the expected signature per row. */
function runsFor(p: ExportPlan, values: CaseValue[]): { runs: SqlRun[]; probes: Map<string, Probe>[] } {
  const tables = new Map(osqueryTables(p.inventory).map((t) => [t.id, t]));
  const pack = JSON.parse(osqueryPack.render(p)) as { queries: Record<string, { query: string }> };
  const runs: SqlRun[] = [];
  const probes: Map<string, Probe>[] = [];
  for (const [id, layouts] of Object.entries(LAYOUT)) {
    const query = pack.queries[`offramp_kaspersky_${id}`]?.query;
    const table = tables.get(id);
    if (!query || !table) continue;
    const order = rulesFor(table, p.inventory);
    const rows: Row[] = [];
    const byMarker = new Map<string, Probe>();
    for (const cv of values) {
      for (const l of layouts.filter((x) => x.field === cv.field)) {
        const seen = l.seen?.(cv.value) ?? { [cv.field]: cv.value };
        const expected = order.find((r) => {
          const v = seen[r.field];
          return v !== undefined && oracleFirst([r], r.field, v) === r.id;
        })?.id;
        const marker = String(rows.length + 1);
        rows.push({ ...l.row(cv.value), [MARKER[id]!]: marker });
        byMarker.set(marker, {
          table: id,
          expected,
          label: `${id} ${cv.field}=${JSON.stringify(cv.value)} (${cv.case})`,
        });
      }
    }
    if (rows.length === 0) continue;
    runs.push({ rows: { [id]: rows, ...(id === "chrome_extensions" && { users: [{ uid: "1" }] }) }, query });
    probes.push(byMarker);
  }
  return { runs, probes };
}

/** Rows whose signature differs from the oracle's (`undefined`: no row expected). */
function mismatches(p: ExportPlan, values: CaseValue[]): string[] {
  const { runs, probes } = runsFor(p, values);
  const results = runSqlite(SCHEMA, runs);
  const wrong: string[] = [];
  results.forEach((r, i) => {
    const byMarker = probes[i]!;
    if ("error" in r) throw new Error(`${[...byMarker.values()][0]?.table}: ${r.error}`);
    const table = [...byMarker.values()][0]!.table;
    const got = new Map<string, string[]>();
    for (const row of r.rows) {
      const m = String(row[MARKER[table]!]);
      got.set(m, [...(got.get(m) ?? []), String(row.offramp_signature)]);
    }
    for (const [marker, probe] of byMarker) {
      const have = got.get(marker) ?? [];
      const want = probe.expected ? [probe.expected] : [];
      if (JSON.stringify(have) !== JSON.stringify(want))
        wrong.push(`${probe.label}: got ${have} want ${want}`);
    }
  });
  return wrong;
}

describe.skipIf(!pythonSqlite())("osquery pack in SQLite", () => {
  it("every query runs, and names the signature offramp itself fires on each case value", () => {
    const values = caseValues();
    expect(values.length).toBeGreaterThan(300);
    expect(mismatches(plan, values)).toEqual([]);
  });

  it("look-alikes and near misses give no row", () => {
    const lookalikes: CaseValue[] = [
      { case: "suffix", field: "name", value: "Kasperskyish Anti-Virus" },
      { case: "infix", field: "name", value: "Not Kaspersky Endpoint Security" },
      { case: "glued", field: "name", value: "KasperskyAnti-Virus Engine" },
      { case: "guard", field: "name", value: "Hotspot Shield Powered by Kaspersky" },
      { case: "process", field: "process", value: "avpx.exe" },
      { case: "process path", field: "process", value: "C:\\Tools\\notavp.exe" },
      { case: "service", field: "service", value: "avpn" },
      { case: "driver", field: "driver", value: "klifx.sys" },
      { case: "package", field: "package", value: "kesl-tools" },
      { case: "exempt", field: "name", value: "Kaspersky Threat Intelligence Portal" },
      { case: "not covered", field: "package", value: "com.kaspersky.kaspresso" },
      { case: "not covered", field: "package", value: "com.kaspersky.components.alert" },
    ];
    for (const l of lookalikes) {
      const plain = oracleFirst(plan.inventory, l.field, l.value);
      expect(plain === undefined || plain === "kti.name", l.value).toBe(true);
    }
    expect(mismatches(plan, lookalikes)).toEqual([]);
  });

  it("registry: keys are found through the listings osquery gives under each constraint", () => {
    const pack = JSON.parse(osqueryPack.render(plan)) as { queries: Record<string, { query: string }> };
    const query = pack.queries.offramp_kaspersky_registry!.query;
    const keys = [
      ["HKEY_LOCAL_MACHINE\\SOFTWARE\\KasperskyLab\\protected\\KES10SP2\\environment", "kes-win.registry"],
      [
        "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected\\AVP21.3\\settings",
        "vendor.registry-avp",
      ],
      ["HKEY_LOCAL_MACHINE\\SOFTWARE\\KasperskyLab\\Components\\34\\Connectors\\WSEE\\11.0", "ksws.registry"],
      ["HKEY_LOCAL_MACHINE\\SOFTWARE\\KasperskyLabs\\Thing", undefined],
      ["HKEY_LOCAL_MACHINE\\SOFTWARE\\Keysight\\KES10\\environment", undefined],
    ] as const;
    const runs = keys.map(([key]) => {
      // osquery lists a key's subkeys as rows of type `subkey` under it: one row per ancestor
      const parts = key.split("\\");
      const rows = parts.slice(2).map((_, i) => ({
        key: parts.slice(0, i + 2).join("\\"),
        path: parts.slice(0, i + 3).join("\\"),
        name: parts[i + 2]!,
        type: "subkey",
        data: "",
      }));
      return { rows: { registry: rows }, query };
    });
    const results = runSqlite(SCHEMA, runs);
    keys.forEach(([key, want], i) => {
      const r = results[i]!;
      if ("error" in r) throw new Error(r.error);
      const got = new Set(r.rows.map((x) => x.offramp_signature));
      if (want) expect(got, key).toContain(want);
      else expect([...got], key).toEqual([]);
    });
  });

  it("Fleet policies pass on a clean host and fail on one with Kaspersky", () => {
    const policies = parse(fleetPolicies.render(plan)) as Record<string, unknown>[];
    const windows = policies.find((x) => x.platform === "windows" && !String(x.name).includes("low"))!;
    const windowsLow = policies.find((x) => x.platform === "windows" && String(x.name).includes("low"))!;
    const linux = policies.find((x) => x.platform === "linux" && !String(x.name).includes("low"))!;
    const darwin = policies.find((x) => x.platform === "darwin" && !String(x.name).includes("low"))!;
    for (const x of policies) {
      expect(Object.keys(x).sort()).toEqual([
        "critical",
        "description",
        "name",
        "platform",
        "query",
        "resolution",
      ]);
      expect(String(x.description)).toContain(catalog.manifest.version);
    }
    const cases: [Record<string, unknown>, Record<string, Row[]>, boolean][] = [
      [windows, {}, true],
      [
        windows,
        { programs: [{ name: "Kaspersky Endpoint Security for Windows", publisher: "AO Kaspersky Lab" }] },
        false,
      ],
      [
        windows,
        { services: [{ name: "klnagent", display_name: "Kaspersky Security Center Network Agent" }] },
        false,
      ],
      [windows, { drivers: [{ image: "C:\\Windows\\System32\\drivers\\klif.sys" }] }, false],
      [windows, { programs: [{ name: "Kaspersky Threat Intelligence Portal" }] }, true],
      [windows, { programs: [{ name: "UltraAV", publisher: "Pango" }] }, true],
      [windows, { programs: [{ name: "Hotspot Shield Powered by Kaspersky" }] }, true],
      [windows, { processes: [{ name: "avp.com" }] }, true],
      [windowsLow, { processes: [{ name: "avp.com" }] }, false],
      [linux, { deb_packages: [{ name: "kesl", version: "12.1" }] }, false],
      [linux, { deb_packages: [{ name: "kesl-tools" }] }, true],
      [
        darwin,
        {
          apps: [
            { name: "Kaspersky Internet Security.app", bundle_identifier: "com.kaspersky.internetsecurity" },
          ],
        },
        false,
      ],
    ];
    const results = runSqlite(
      SCHEMA,
      cases.map(([policy, rows]) => ({ rows, query: String(policy.query) })),
    );
    results.forEach((r, i) => {
      const [policy, rows, passes] = cases[i]!;
      if ("error" in r) throw new Error(`${policy.name}: ${r.error}`);
      expect(r.rows.length === 1, `${policy.name} on ${JSON.stringify(rows)}`).toBe(passes);
    });
  });
});

describe("osquery pack", () => {
  it("is deterministic JSON naming the catalogue version and every signature with an osquery column", () => {
    const a = osqueryPack.render(plan);
    expect(osqueryPack.render(buildPlan(loadCatalog(), { includeLow: true }))).toBe(a);
    const pack = JSON.parse(a) as {
      offramp: { header: string[]; notExpressible: string[] };
      queries: object;
    };
    expect(pack.offramp.header.join("\n")).toContain(`${catalog.manifest.name} ${catalog.manifest.version}`);
    for (const r of plan.inventory)
      expect(
        a.includes(`'${r.id}'`) || pack.offramp.notExpressible.includes(`${r.id} (${r.field})`),
        r.id,
      ).toBe(true);
  });

  it("marks low-confidence rows, and leaves them out with includeLow off", () => {
    const low = plan.inventory.find((r) => r.low)!;
    const text = osqueryPack.render(plan);
    expect(text).toMatch(
      new RegExp(
        `'${low.id.replace(/\./g, "\\.")}' AS signature, '[^']*' AS product, '[a-z]+' AS tier, 'low' AS confidence`,
      ),
    );
    const strict = osqueryPack.render(buildPlan(catalog, { includeLow: false }));
    expect(strict).not.toContain(`'${low.id}'`);
  });

  it.skipIf(!pythonSqlite())("a hostile catalogue value stays one SQL literal", () => {
    const dir = catalogCopy(
      "kaspersky/shared-signatures.yaml",
      (t) =>
        `${t}\n  - id: vendor.hostile\n    on: name\n    match: equals\n    values: [${JSON.stringify(HOSTILE)}]\n    weight: weak\n    sources: [S55]\n`,
    );
    const p = buildPlan(loadCatalog(dir), { includeLow: true });
    const hostile: CaseValue = { case: "hostile", field: "name", value: HOSTILE };
    expect(oracleFirst(p.inventory, "name", HOSTILE)).toBe("vendor.hostile");
    expect(
      mismatches(p, [hostile, { case: "near", field: "name", value: HOSTILE.replace("Evil", "Evi") }]),
    ).toEqual([]);
  });
});
