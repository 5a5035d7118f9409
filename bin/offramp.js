#!/usr/bin/env node
// Runs the compiled CLI. `npm ci` builds dist/ through the `prepare` script; where install scripts
// were skipped, or src/ changed since the last build (a working copy), it builds first.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "dist", "cli", "main.js");

function newest(dir) {
  let latest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    latest = Math.max(latest, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

const src = join(root, "src");
const stale = !existsSync(entry) || (existsSync(src) && newest(src) > newest(join(root, "dist")));
if (stale) {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  if (!existsSync(tsc)) {
    process.stderr.write(
      "offramp: dist/ is missing or stale and TypeScript is not installed; run `npm ci`\n",
    );
    process.exit(2);
  }
  process.stderr.write("offramp: building dist/ (first run or sources changed)…\n");
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
    stdio: "inherit",
    cwd: root,
  });
}

const { main } = await import(entry);
process.exitCode = await main(process.argv);
