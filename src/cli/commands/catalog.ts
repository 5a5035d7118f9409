import type { Command } from "commander";
import { DEFAULT_CATALOG_DIR, loadCatalog } from "../../catalog/load.js";
import { verifyCatalog } from "../../catalog/verify.js";
import { byText } from "../../match/order.js";

export function registerCatalog(program: Command): void {
  const catalogCmd = program.command("catalog").description("inspect and check the catalogue");
  catalogCmd
    .command("verify")
    .option("--catalog <dir>", "catalogue folder")
    .description("validate the catalogue (schemas, sources, regexes, references)")
    .action((flags: { catalog?: string }) => {
      const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
      const problems = verifyCatalog(catalog);
      for (const p of problems) process.stderr.write(`${p}\n`);
      const sigs = [...catalog.products.values()].reduce(
        (n, p) => n + p.signatures.length,
        catalog.shared.length,
      );
      process.stdout.write(
        `${catalog.manifest.name} ${catalog.manifest.version}: ${catalog.products.size} products, ${sigs} signatures, ${catalog.entities.length} entities; ${problems.length} problem(s)\n`,
      );
      process.exitCode = problems.length > 0 ? 1 : 0;
    });
  catalogCmd
    .command("products")
    .option("--catalog <dir>", "catalogue folder")
    .description("list products with family, scope and platforms")
    .action((flags: { catalog?: string }) => {
      const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
      for (const p of [...catalog.products.values()].sort((a, b) => byText(a.id, b.id))) {
        process.stdout.write(
          `${p.id.padEnd(46)} ${p.family.padEnd(20)} ${p.scope.padEnd(12)} ${p.platforms.join(",")}\n`,
        );
      }
    });
}
