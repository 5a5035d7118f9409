import type { Command } from "commander";
import { readConfig } from "../../config.js";
import {
  DEFAULT_SOURCES,
  defaultCacheDir,
  readManifest,
  type SourceId,
  updateLists,
} from "../../screen/lists/cache.js";

interface UpdateFlags {
  dir?: string;
  acceptShrink?: boolean;
  cslUrl?: string;
  sdnUrl?: string;
  altUrl?: string;
  addUrl?: string;
  sdn: boolean;
}

function ageText(iso: string, now: Date): string {
  const hours = (now.getTime() - new Date(iso).getTime()) / 3_600_000;
  return hours < 48 ? `${Math.round(hours)} h old` : `${Math.round(hours / 24)} days old`;
}

export function registerLists(program: Command): void {
  const lists = program
    .command("lists")
    .description("download and inspect the screening lists (CSL, OFAC SDN)");
  lists
    .command("update")
    .description("download the current CSL (trade.gov) and SDN files (Treasury) into the local cache")
    .option("--dir <dir>", "cache folder (default: <OFFRAMP_DATA>/lists or ~/.cache/offramp/lists)")
    .option("--accept-shrink", "accept a snapshot in which a list source lost more than 5 % of its rows")
    .option("--csl-url <url>", "CSL download URL (JSON or CSV)")
    .option("--sdn-url <url>", "OFAC sdn.csv URL")
    .option("--alt-url <url>", "OFAC alt.csv URL")
    .option("--add-url <url>", "OFAC add.csv URL")
    .option("--no-sdn", "CSL only (the CSL already carries the SDN entries)")
    .action(async (flags: UpdateFlags) => {
      const dir = flags.dir ?? defaultCacheDir(readConfig().dataDir);
      const sources: Partial<Record<SourceId, string>> = { csl: flags.cslUrl ?? DEFAULT_SOURCES.csl };
      if (flags.sdn) {
        sources.sdn = flags.sdnUrl ?? DEFAULT_SOURCES.sdn;
        sources.alt = flags.altUrl ?? DEFAULT_SOURCES.alt;
        sources.add = flags.addUrl ?? DEFAULT_SOURCES.add;
      }
      const { mkdirSync } = await import("node:fs");
      mkdirSync(dir, { recursive: true });
      const report = await updateLists({ dir, sources, ...(flags.acceptShrink && { acceptShrink: true }) });
      const out = report.status === "updated" ? process.stdout : process.stderr;
      out.write(`${report.status}: ${report.message}\n`);
      for (const i of report.issues.filter((x) => x.severity === "error").slice(0, 10)) {
        process.stderr.write(`issue: ${i.file}${i.record ? ` #${i.record}` : ""} ${i.code}: ${i.message}\n`);
      }
      process.exitCode = report.status === "updated" ? 0 : 1;
    });
  lists
    .command("status")
    .description("show the cached lists: sources, sizes, SHA-256, age")
    .option("--dir <dir>", "cache folder")
    .option("--json", "print the manifest as JSON")
    .action((flags: { dir?: string; json?: boolean }) => {
      const dir = flags.dir ?? defaultCacheDir(readConfig().dataDir);
      const manifest = readManifest(dir);
      if (!manifest) {
        process.stderr.write(`no lists cached in ${dir}: run \`offramp lists update\`\n`);
        process.exitCode = 1;
        return;
      }
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
        return;
      }
      const now = new Date();
      process.stdout.write(
        `${dir}: ${manifest.parties} parties, updated ${manifest.updatedAt} (${ageText(manifest.updatedAt, now)})\n`,
      );
      for (const s of manifest.sources) {
        process.stdout.write(
          `  ${s.id.padEnd(4)} ${String(s.records).padStart(6)} records  ${s.fetchedAt}  sha256 ${s.sha256}  ${s.url}\n`,
        );
      }
      const by = Object.entries(manifest.bySource)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
      process.stdout.write(`  by source: ${by}\n`);
    });
}
