import { Command, CommanderError } from "commander";
import { CatalogError } from "../catalog/load.js";
import { readConfig } from "../config.js";
import { InputError } from "../scan/expand.js";
import { TOOL_VERSION } from "../version.js";
import { registerAssess, registerReport } from "./commands/assess.js";
import { registerCampaign } from "./commands/campaign.js";
import { registerCatalog } from "./commands/catalog.js";
import { registerDemo } from "./commands/demo.js";
import { registerExport } from "./commands/export.js";
import { registerFormats } from "./commands/formats.js";
import { registerIngest } from "./commands/ingest.js";
import { registerLists } from "./commands/lists.js";
import { registerScan } from "./commands/scan.js";
import { registerScreen } from "./commands/screen.js";
import { registerServe } from "./commands/serve.js";
import { registerToken } from "./commands/token.js";
import { registerWatch } from "./commands/watch.js";

/** Exit codes: 0 fine, 1 a finding reached --fail-on (or a check failed), 2 usage error or unreadable input. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** Every command, one file each under commands/; adding a command is one line here. */
const COMMANDS: ((program: Command) => void)[] = [
  registerScan,
  registerDemo,
  registerAssess,
  registerReport,
  registerCatalog,
  registerFormats,
  registerScreen,
  registerLists,
  registerIngest,
  registerServe,
  registerCampaign,
  registerToken,
  registerExport,
  registerWatch,
];

export function buildProgram(): Command {
  const program = new Command("offramp")
    .description("Find banned technology (Kaspersky first) across an estate, and prove it is gone.")
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const known = e instanceof InputError || e instanceof CatalogError;
    process.stderr.write(`offramp: ${(e as Error).message}\n`);
    if (!known && readConfig().debug) process.stderr.write(`${(e as Error).stack}\n`);
    return EXIT.usage;
  }
}
