import { Command, CommanderError } from "commander";
import { readConfig } from "../config.js";
import { InputError } from "../scan/expand.js";
import { TOOL_VERSION } from "../version.js";
/** Exit codes: 0 fine, 1 a finding reached --fail-on (or a check failed), 2 usage error or unreadable input. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

type Register = (program: Command) => void;

/**
 * Every command, one file each under commands/; adding a command is one line here. Modules are
 * loaded only for the command that runs (the server, the database and the screener are heavy to
 * import); `--help` and unknown commands load them all.
 */
const COMMANDS: Record<string, () => Promise<Register[]>> = {
  scan: async () => [(await import("./commands/scan.js")).registerScan],
  demo: async () => [(await import("./commands/demo.js")).registerDemo],
  assess: async () => [(await import("./commands/assess.js")).registerAssess],
  report: async () => [(await import("./commands/assess.js")).registerReport],
  catalog: async () => [(await import("./commands/catalog.js")).registerCatalog],
  formats: async () => [(await import("./commands/formats.js")).registerFormats],
  screen: async () => [(await import("./commands/screen.js")).registerScreen],
  lists: async () => [(await import("./commands/lists.js")).registerLists],
  ingest: async () => [(await import("./commands/ingest.js")).registerIngest],
  serve: async () => [(await import("./commands/serve.js")).registerServe],
  campaign: async () => [(await import("./commands/campaign.js")).registerCampaign],
  token: async () => [(await import("./commands/token.js")).registerToken],
  export: async () => [(await import("./commands/export.js")).registerExport],
  watch: async () => [(await import("./commands/watch.js")).registerWatch],
};

export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command("offramp")
    .description("Find banned technology (Kaspersky first) across an estate, and prove it is gone.")
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  const named = argv[2];
  const loaders = named && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]!] : Object.values(COMMANDS);
  for (const load of loaders) for (const register of await load()) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    if (argv[2] === "scan") (await import("./prefetch.js")).prefetchScan(argv);
    const program = await buildProgram(argv);
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    // CatalogError by name: importing the catalogue code here would slow every command's start
    const known = e instanceof InputError || (e as Error).name === "CatalogError";
    process.stderr.write(`offramp: ${(e as Error).message}\n`);
    if (!known && readConfig().debug) process.stderr.write(`${(e as Error).stack}\n`);
    return EXIT.usage;
  }
}
