import { describe, expect, it } from "vitest";
import type { DomainEntry } from "../../match/network-index.js";
import { type RangeResult, RangeScanner } from "./dns-scanner.js";
import { KernelScan } from "./kernel-scan.js";

const ENTRIES: DomainEntry[] = [
  { host: "kaspersky.com", mode: "suffix", rule: 0 },
  { host: "ksn.kaspersky-labs.com", mode: "suffix", rule: 1 },
  { host: "upd.kaspersky.com", mode: "exact", rule: 2 },
  { host: "securelist.com", mode: "suffix", rule: 3 },
];

const FIELDS =
  "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\tanswers";
const TYPES = "time\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tvector[string]";
const HEADERS = [
  "#separator \\x09",
  "#unset_field\t-",
  "#empty_field\t(empty)",
  "#path\tdns",
  `#fields\t${FIELDS}`,
  `#types\t${TYPES}`,
];

/** A small deterministic generator (tests must give the same bytes on every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NAMES = [
  "upd.kaspersky.com",
  "UPD.KASPERSKY.COM",
  "dnl-01.geo.Kaspersky.com.",
  "ksn.kaspersky-labs.com",
  "x.KSN.kaspersky-labs.com",
  "securelist.com",
  "www.SecureList.com",
  "kaspersky.com.evil.net",
  "notkaspersky.com",
  "kasperskyy.com",
  "kaspersky-labs.com",
  "www.google.com",
  "a.b",
  "-",
  "kasper.sky.com",
];

function line(r: () => number, i: number, name: string): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const answers = r() < 0.2 ? pick(NAMES) : "1.2.3.4";
  return [
    `1727481600.${String(i).padStart(6, "0")}`,
    `C${Math.floor(r() * 1e12).toString(36)}`,
    `10.0.${i % 256}.${(i * 7) % 256}`,
    String(1024 + (i % 60000)),
    "8.8.8.8",
    "53",
    "udp",
    String(i % 65536),
    r() < 0.5 ? "-" : "0.012345",
    name,
    "1",
    answers,
  ].join("\t");
}

/** Zeek text with decoys, names in other columns, header changes, short, empty and CRLF lines. */
function zeekText(seed: number, count: number): string {
  const r = rng(seed);
  const out: string[] = [...HEADERS];
  for (let i = 0; i < count; i++) {
    const x = r();
    const name = NAMES[Math.floor(r() * NAMES.length)]!;
    if (x < 0.01) out.push("");
    else if (x < 0.02) out.push("1727481600.1\tCshort\t10.0.0.1");
    else if (x < 0.025) out.push("#close\t2024-10-01-00-00-00");
    else if (x < 0.028) {
      // a rotated log whose query is in another column
      out.push("#separator \\x09", `#fields\tquery\t${FIELDS.replace("\tquery", "")}`);
    } else if (x < 0.031) out.push("#separator \\x09", `#fields\t${FIELDS}`, `#types\t${TYPES}`);
    else if (x < 0.04) out.push(`${line(r, i, name)}\r`);
    else out.push(line(r, i, name));
  }
  return `${out.join("\n")}\n`;
}

function viaKernel(text: Buffer, headers: string[]): RangeResult {
  const rs = new RangeScanner(ENTRIES, headers, "query");
  const k = KernelScan.for(ENTRIES, 1 << 20)!;
  text.copy(k.data, 0);
  k.scan(rs, text.length);
  return rs.result;
}

function viaJs(text: Buffer, headers: string[]): RangeResult {
  const rs = new RangeScanner(ENTRIES, headers, "query");
  rs.scan(text, 0, text.length);
  return rs.result;
}

describe("KernelScan (SIMD pre-filter) gives what the line-by-line scanner gives", () => {
  it("is available for the catalogue-like rules", () => {
    expect(KernelScan.for(ENTRIES, 1 << 20)).toBeDefined();
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`on generated Zeek text, seed ${seed}`, () => {
      const text = Buffer.from(zeekText(seed, 3000));
      const js = viaJs(text, HEADERS);
      expect(js.hits.length).toBeGreaterThan(50);
      expect(js.short).toBeGreaterThan(5);
      expect(viaKernel(text, HEADERS)).toEqual(js);
    });
  }

  it("when a buffer starts with header lines and with no known layout", () => {
    const text = Buffer.from(zeekText(11, 500));
    expect(viaKernel(text, [])).toEqual(viaJs(text, []));
  });

  it("when more windows match than one run can report (names in every line)", () => {
    const r = rng(9);
    const lines = Array.from({ length: 9000 }, (_, i) =>
      line(r, i, i % 3 === 0 ? "kaspersky.com" : "kasperskyy.org"),
    );
    const text = Buffer.from(`${[...HEADERS, ...lines].join("\n")}\n`);
    const js = viaJs(text, HEADERS);
    expect(js.hits).toHaveLength(3000);
    expect(viaKernel(text, HEADERS)).toEqual(js);
  });

  it("at every offset of a name against the 32-byte windows", () => {
    for (let pad = 0; pad < 40; pad++) {
      const rec = [
        "1.0",
        `C${"x".repeat(pad)}`,
        "10.0.0.1",
        "1",
        "8.8.8.8",
        "53",
        "udp",
        "1",
        "-",
        "Upd.Kaspersky.Com",
        "1",
        "-",
      ];
      const text = Buffer.from(`${[...HEADERS, rec.join("\t"), rec.join("\t")].join("\n")}\n`);
      const got = viaKernel(text, HEADERS);
      expect(got).toEqual(viaJs(text, HEADERS));
      expect(got.hits).toHaveLength(2);
    }
  });
});
