#!/usr/bin/env node
// The npm registry this project is built against serves only the Linux builds of packages that ship
// one native build per platform (Biome, DuckDB, esbuild, Rolldown). npm then writes a lock without the
// other platforms' optional packages, and `npm ci` refuses that very lock ("Missing: … from lock
// file"). This script records each missing optional package as an optional entry with its version,
// so `npm ci` accepts the lock: here those entries are skipped as failed optional installs, and on
// another platform npm fetches the one it needs. Run it after every dependency change:
//   npm install && node scripts/complete-lock.mjs && npm ci
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2] ?? "package-lock.json";
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path === "" ? "" : `${path}/`}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (packages[nested] || packages[top]) continue;
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version))
      throw new Error(`${name}: range ${version} is not an exact version`);
    packages[top] = { version, optional: true };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stderr.write(`${added} optional platform package(s) recorded in ${file}\n`);
