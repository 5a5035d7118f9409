/**
 * Network benchmark: `offramp scan` on a large Zeek dns.log beside ripgrep with the equivalent
 * anchored regex on the query column, and on the gzip form beside `pigz -dc > /dev/null`. Checks that
 * offramp and ripgrep count the same matching lines (and that both equal the generator's planted
 * count), prints MB/s (uncompressed bytes per second), the ratios and offramp's peak RSS.
 *
 *   npx tsx bench/network/run.ts [--lines 10000000] [--dir /tmp/offramp-bench-network] [--runs 3] [--no-gzip]
 *
 * Needs `rg` and `pigz` on PATH (Debian: apt-get install ripgrep pigz) and GNU time at /usr/bin/time.
 * The data is generated once into --dir and reused; the files are large (~2 GB plain, ~0.6 GB gzip).
 */
import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalog } from "../../src/catalog/load.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const lines = Number(opt("lines", "10000000"));
const dir = opt("dir", join(tmpdir(), "offramp-bench-network"));
const runs = Number(opt("runs", "3"));
const withGzip = !args.includes("--no-gzip");

mkdirSync(dir, { recursive: true });
const log = join(dir, `dns-${lines}.log`);
const gz = `${log}.gz`;
const planted = join(dir, `dns-${lines}.json`);

function run(cmd: string, argv: string[], opts: { stdout?: string } = {}) {
  const timing = join(dir, ".time");
  // paths go to the shell as arguments, never inside its script
  const shell = opts.stdout
    ? ["bash", "-c", 'out="$1"; shift; exec "$@" > "$out"', "bash", opts.stdout, cmd, ...argv]
    : [cmd, ...argv];
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M %U %S", "-o", timing, ...shell], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(" ")} failed: ${r.stderr}`);
  const [wall, rss, user, sys] = readFileSync(timing, "utf8")
    .trim()
    .split("\n")
    .pop()!
    .split(" ")
    .map(Number);
  return { out: r.stdout, wall: wall!, rssMB: rss! / 1024, cpu: user! + sys! };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timed(label: string, cmd: string, argv: string[], count: (out: string) => number, stdout?: string) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(run(cmd, argv, stdout ? { stdout } : {}));
  const result = {
    label,
    wall: median(all.map((r) => r.wall)),
    runs: all.map((r) => r.wall),
    cpu: median(all.map((r) => r.cpu)),
    rssMB: Math.max(...all.map((r) => r.rssMB)),
    count: count(all[0]!.out),
  };
  console.error(`${label}: ${result.runs.join(" / ")} s, count ${result.count}`);
  return result;
}

// --- data ----------------------------------------------------------------------------------------
if (!existsSync(log) || !existsSync(planted)) {
  console.error(`generating ${log} (${lines} lines)…`);
  const g = spawnSync(
    process.execPath,
    [join(root, "node_modules/tsx/dist/cli.mjs"), "bench/network/generate.ts", log, String(lines)],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  if (g.status !== 0) throw new Error(g.stderr);
  writeFileSync(planted, g.stdout);
}
const truth = JSON.parse(readFileSync(planted, "utf8")) as { plantedHits: number };
if (withGzip && !existsSync(gz)) {
  console.error(`compressing ${gz} (pigz -6)…`);
  const c = spawnSync("bash", ["-c", 'pigz -6 -c "$1" > "$2"', "bash", log, gz]);
  if (c.status !== 0) throw new Error("pigz failed");
}
const bytes = statSync(log).size;

// --- the peer's regex: query column (the #fields index), any listed name or a name under a suffix rule
const head = Buffer.alloc(4096);
const fd = openSync(log, "r");
readSync(fd, head, 0, head.length, 0);
closeSync(fd);
const fields = head
  .toString("latin1")
  .split("\n")
  .find((l) => l.startsWith("#fields\t"))!;
const column = fields.split("\t").indexOf("query") - 1;
const network = loadCatalog().network;
const esc = (h: string) => h.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
const suffixes = network.hosts.filter((r) => r.match === "suffix").flatMap((r) => r.hosts.map(esc));
const exact = network.hosts.filter((r) => r.match === "exact").flatMap((r) => r.hosts.map(esc));
const regex = `^([^\\t]*\\t){${column}}(([^\\t]*\\.)?(${suffixes.join("|")})|(${exact.join("|")}))\\.?\\t`;
const regexFile = join(dir, "query-regex.txt");
writeFileSync(regexFile, `${regex}\n`);

// --- warm the page cache and build dist/ once, outside the timings ---------------------------------
spawnSync("cat", withGzip ? [log, gz] : [log], { stdio: ["ignore", "ignore", "inherit"] });
spawnSync(process.execPath, [join(root, "bin/offramp.js"), "--version"], { cwd: root });

const report = join(dir, "report.json");
const offrampCount = () => {
  const r = JSON.parse(readFileSync(report, "utf8")) as {
    findings: { class: string; signals?: Record<string, number> }[];
    inputs: { records: number }[];
  };
  return r.findings
    .filter((f) => f.class === "network")
    .reduce((n, f) => n + Object.values(f.signals ?? {}).reduce((a, b) => a + b, 0), 0);
};
const scan = (input: string) => [
  join(root, "bin/offramp.js"),
  "scan",
  input,
  "--format",
  "json",
  "--output",
  report,
  "--no-progress",
];

const results = [];
results.push(
  timed("ripgrep (anchored regex, -i)", "rg", ["-c", "-i", "-f", regexFile, log], (o) => Number(o.trim())),
);
results.push(timed("offramp scan (plain)", process.execPath, scan(log), offrampCount));
if (withGzip) {
  results.push(timed("pigz -dc > /dev/null", "pigz", ["-dc", gz], () => Number.NaN, "/dev/null"));
  results.push(timed("offramp scan (gzip)", process.execPath, scan(gz), offrampCount));
}

// --- summary -------------------------------------------------------------------------------------
const mbps = (s: number) => bytes / 1e6 / s;
const [rg, plain, pigz, gzScan] = results;
console.log(
  `\n${(bytes / 1e6).toFixed(0)} MB, ${lines.toLocaleString("en")} lines, ${truth.plantedHits} planted hits, runs=${runs} (median)\n`,
);
console.log("tool                               wall s   MB/s   cpu s  max RSS MB  count");
for (const r of results) {
  console.log(
    `${r.label.padEnd(34)} ${r.wall.toFixed(2).padStart(6)} ${mbps(r.wall).toFixed(0).padStart(6)} ${r.cpu.toFixed(2).padStart(7)} ${r.rssMB.toFixed(0).padStart(11)}  ${Number.isNaN(r.count) ? "-" : r.count}`,
  );
}
const checks = [
  ["offramp = ripgrep", plain!.count === rg!.count],
  ["ripgrep = planted", rg!.count === truth.plantedHits],
  ...(gzScan ? [["offramp gzip = plain", gzScan.count === plain!.count] as const] : []),
];
console.log("");
for (const [what, ok] of checks) console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
console.log(`\nplain: offramp / ripgrep = ${(rg!.wall / plain!.wall).toFixed(2)}x (aim >= 1.5x)`);
if (pigz && gzScan)
  console.log(`gzip:  offramp / pigz -dc = ${(pigz.wall / gzScan.wall).toFixed(2)}x (aim >= 1.0x)`);
console.log(`offramp max RSS ${Math.max(plain!.rssMB, gzScan?.rssMB ?? 0).toFixed(0)} MB (aim < 300 MB)`);
writeFileSync(
  join(dir, "results.json"),
  JSON.stringify({ bytes, lines, planted: truth.plantedHits, results }, null, 2),
);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
