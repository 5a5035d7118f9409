/**
 * Writes the JSON Schemas generated from the zod models to `schema/` (run: `npm run schema`).
 * Files no longer generated are removed, so `schema/` holds exactly what the models say.
 * With `--hints`, also puts a `# yaml-language-server: $schema=…` first line in every catalogue
 * YAML file (replacing an older one), so editors validate as you type.
 */
import { type Dirent, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchemaFiles, schemaHint, withSchemaHint } from "../src/model/json-schema.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(repo, "schema");

function walk(dir: string, keep: (name: string) => boolean): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return walk(p, keep);
    return keep(d.name) ? [p] : [];
  });
}

const posixRel = (from: string, p: string) => relative(from, p).split("\\").join("/");

const files = buildSchemaFiles();
for (const stale of walk(root, (n) => n.endsWith(".schema.json")).map((p) => posixRel(root, p))) {
  if (files.has(stale)) continue;
  rmSync(join(root, stale));
  process.stdout.write(`removed schema/${stale}\n`);
}
for (const [file, text] of files) {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  process.stdout.write(`wrote schema/${file}\n`);
}

if (process.argv.includes("--hints")) {
  for (const path of walk(join(repo, "catalog"), (n) => /\.ya?ml$/.test(n))) {
    const rel = posixRel(repo, path);
    const hint = schemaHint(rel);
    if (!hint) {
      process.stdout.write(`no schema for ${rel}\n`);
      continue;
    }
    const text = readFileSync(path, "utf8");
    const next = withSchemaHint(text, hint);
    if (next !== text) {
      writeFileSync(path, next);
      process.stdout.write(`hinted ${rel}\n`);
    }
  }
}
