import type { Command } from "commander";
import { IMPORTERS } from "../../importers/registry.js";

export function registerFormats(program: Command): void {
  program
    .command("formats")
    .description("list the input formats offramp reads")
    .action(() => {
      for (const i of IMPORTERS) process.stdout.write(`${i.id.padEnd(22)} ${i.title}\n`);
    });
}
