/**
 * Writes a synthetic inventory CSV (host,name,publisher,version) for the inventory benchmark:
 * ~0.5 % Kaspersky rows, ~0.2 % look-alike decoys, ~0.1 % rows on hosts whose names contain
 * "kaspersky", the rest ordinary software. Deterministic (seeded), RFC 4180 quoting.
 *
 *   npx tsx bench/inventory/generate.ts OUT.csv [ROWS=10000000] [grouped|shuffled]
 * `grouped` (default) writes each host's software together, as inventory exports joined on the
 * device usually are (~100 rows per host); `shuffled` gives every row a random host.
 * Prints the number of planted Kaspersky rows (what a correct matcher must count).
 */
import { createWriteStream } from "node:fs";

const out = process.argv[2];
const rows = Number(process.argv[3] ?? 10_000_000);
const grouped = (process.argv[4] ?? "grouped") === "grouped";
if (!out) throw new Error("usage: generate.ts OUT.csv [ROWS]");

let seed = 0x2545f491;
function rnd(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x100000000;
}
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;

const KASPERSKY: [string, string][] = [
  ["Kaspersky Endpoint Security for Windows", "AO Kaspersky Lab"],
  ["Kaspersky Security Center Network Agent", "AO Kaspersky Lab"],
  ["Kaspersky Total Security", "Kaspersky"],
  ["Kaspersky Internet Security", "Kaspersky Lab"],
  ["Kaspersky Free", "Kaspersky"],
  ["Kaspersky Security for Windows Server", "AO Kaspersky Lab"],
  ["Kaspersky VPN Secure Connection", "Kaspersky"],
  ["Kaspersky Endpoint Security для Windows", "АО «Лаборатория Касперского»"],
];
const DECOYS: [string, string][] = [
  ["Removal Tool for Kaspersky, ESET and Avast", "Tools Inc"],
  ["NotKaspersky Cleaner", "Cleaner Co"],
  ["Kasperski Helper", "Helper Ltd"],
  ['Antivirus Migration Wizard (from "Kaspersky")', "Migrate Ltd"],
  ["Kaspi Bank Mobile", "Kaspi.kz"],
  ["Casper Backup", "Casper Software"],
];
const SOFTWARE: [string, string][] = [
  ["Google Chrome", "Google LLC"],
  ["Mozilla Firefox (x64 en-US)", "Mozilla"],
  ["Microsoft Edge", "Microsoft Corporation"],
  ["Microsoft 365 Apps for enterprise - en-us", "Microsoft Corporation"],
  ["7-Zip 23.01 (x64)", "Igor Pavlov"],
  ["Notepad++ (64-bit x64)", "Notepad++ Team"],
  ["Zoom Workplace", "Zoom Video Communications, Inc."],
  ["Adobe Acrobat (64-bit)", "Adobe"],
  ["Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33130", "Microsoft Corporation"],
  ["Git", "The Git Development Community"],
  ["Python 3.12.1 (64-bit)", "Python Software Foundation"],
  ["VLC media player", "VideoLAN"],
  ["Slack", "Slack Technologies Inc."],
  ["Cisco Secure Client - AnyConnect VPN", "Cisco Systems, Inc."],
  ["CrowdStrike Windows Sensor", "CrowdStrike, Inc."],
  ["Microsoft Teams", "Microsoft Corporation"],
];

function cell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const stream = createWriteStream(out, { highWaterMark: 1 << 22 });
let buf = "host,name,publisher,version\n";
let planted = 0;
const hosts = Math.max(1, Math.floor(rows / 100));
for (let i = 0; i < rows; i++) {
  const r = rnd();
  const hostNo = grouped ? Math.floor(i / 100) : Math.floor(rnd() * hosts);
  let host = `ws-${String(hostNo).padStart(6, "0")}.corp.example`;
  let pair: [string, string];
  if (r < 0.005) {
    pair = pick(KASPERSKY);
    planted++;
  } else if (r < 0.007) pair = pick(DECOYS);
  else {
    if (r < 0.008) host = `kaspersky-gw-${Math.floor(rnd() * 50)}.corp.example`;
    pair = pick(SOFTWARE);
  }
  buf += `${host},${cell(pair[0])},${cell(pair[1])},${Math.floor(rnd() * 30)}.${Math.floor(rnd() * 10)}.${Math.floor(rnd() * 1000)}\n`;
  if (buf.length > 1 << 20) {
    if (!stream.write(buf)) await new Promise<void>((res) => stream.once("drain", () => res()));
    buf = "";
  }
}
stream.write(buf);
await new Promise<void>((res) => stream.end(res));
console.log(JSON.stringify({ file: out, rows, planted, order: grouped ? "grouped" : "shuffled" }));
