/**
 * Inventory benchmark: offramp scan beside DuckDB (read_csv + ILIKE) on the same generated CSV.
 * Prints rows/s for both, their ratio, peak RSS, and checks both count the same matching rows.
 *
 *   npx tsx bench/inventory/run.ts [ROWS=10000000] [grouped|shuffled]
 * The data file is generated once under bench/.data/ (about 740 MB for 10 M rows).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const rows = Number(process.argv[2] ?? 10_000_000);
const order = process.argv[3] === "shuffled" ? "shuffled" : "grouped";
const data = join(root, "bench", ".data", `inventory-${rows}-${order}.csv`);
const tsx = join(root, "node_modules", ".bin", "tsx");

if (!existsSync(data)) {
  process.stderr.write(`generating ${data}…\n`);
  mkdirSync(dirname(data), { recursive: true });
  execFileSync(tsx, [join(here, "generate.ts"), data, String(rows), order], { stdio: "inherit" });
}
try {
  execFileSync(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")],
    {
      cwd: root,
    },
  );
} catch {
  process.stderr.write("tsc reported type errors; benchmarking what it emitted\n");
}

/** Runs a command under GNU time; returns wall seconds, peak RSS (MB) and stdout. */
function timed(cmd: string[]): { seconds: number; rssMb: number; out: string } {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", ...cmd], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd.join(" ")} failed: ${r.stderr}`);
  const [seconds, kb] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  return { seconds: seconds!, rssMb: kb! / 1024, out: r.stdout };
}

const report = join(root, "bench", ".data", "inventory-report.json");
const runs = 3;
const results: Record<string, { seconds: number[]; rssMb: number; matches: number }> = {};
for (let i = 0; i < runs; i++) {
  const o = timed([
    process.execPath,
    join(root, "bin", "offramp.js"),
    "scan",
    data,
    "--format",
    "json",
    "-o",
    report,
    "--no-progress",
  ]);
  const doc = JSON.parse(readFileSync(report, "utf8")) as {
    findings: { evidence: { file: string; line?: number }[] }[];
  };
  const matched = new Set<string>();
  for (const f of doc.findings) for (const e of f.evidence) matched.add(`${e.line}`);
  results.offramp ??= { seconds: [], rssMb: 0, matches: matched.size };
  const r = results.offramp;
  r.seconds.push(o.seconds);
  r.rssMb = Math.max(r.rssMb, o.rssMb);
  const d = timed([tsx, join(here, "duckdb-count.ts"), data]);
  results.duckdb ??= { seconds: [], rssMb: 0, matches: JSON.parse(d.out).matches };
  const dr = results.duckdb;
  dr.seconds.push(d.seconds);
  dr.rssMb = Math.max(dr.rssMb, d.rssMb);
}
rmSync(report, { force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const table = Object.entries(results).map(([tool, r]) => ({
  tool,
  "median s": median(r.seconds).toFixed(2),
  "rows/s": Math.round(rows / median(r.seconds)).toLocaleString("en-US"),
  "peak RSS MB": Math.round(r.rssMb),
  "matching rows": r.matches,
}));
console.table(table);
const ratio = median(results.duckdb!.seconds) / median(results.offramp!.seconds);
console.log(`offramp / DuckDB speed ratio: ${ratio.toFixed(2)}× (above 1 means offramp is faster)`);
console.log(`counts ${results.offramp!.matches === results.duckdb!.matches ? "agree" : "DIFFER"}`);
console.log(`data: ${rows.toLocaleString("en-US")} rows, ${order} by host`);
console.log(
  "note: offramp's time includes Node start, catalogue load, host tracking and the JSON report; DuckDB's includes tsx start.",
);
