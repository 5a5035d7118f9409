import type { Command } from "commander";
import { DEFAULT_CATALOG_DIR, loadCatalog } from "../../catalog/load.js";
import { readConfig } from "../../config.js";
import { IMPORTERS } from "../../importers/registry.js";
import { defaultCacheDir } from "../../screen/lists/cache.js";
import { createApp } from "../../server/app.js";
import { DEFAULT_LIMITS } from "../../server/deps.js";
import { collect, parseProfiles } from "../options.js";
import { addWorkspaceFlag, openWorkspace, type WorkspaceFlags, workspaceLabel } from "../workspace.js";

interface ServeFlags extends WorkspaceFlags {
  port: string;
  host: string;
  profile?: string[];
  catalog?: string;
  lists?: string;
  maxUploadMb?: string;
  rateLimit?: string;
  quiet?: boolean;
}

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, not "${value}"`);
  return n;
}

export function registerServe(program: Command): void {
  addWorkspaceFlag(
    program
      .command("serve")
      .description("serve the workspace's HTTP API (/api/v1, OpenAPI at /api/v1/openapi.json)"),
  )
    .option("--port <port>", "port to listen on", "8080")
    .option("--host <address>", "address to listen on (0.0.0.0 to accept other machines)", "127.0.0.1")
    .option("--profile <name>", "regime profile(s) for due dates and reports", collect)
    .option("--catalog <dir>", "use another catalogue folder")
    .option("--lists <dir>", "folder of the cached screening lists (default: beside the workspace)")
    .option("--max-upload-mb <n>", `largest upload in MiB (default ${DEFAULT_LIMITS.uploadBytes / 2 ** 20})`)
    .option(
      "--rate-limit <n>",
      `requests per minute per token, 0 for none (default ${DEFAULT_LIMITS.perMinute})`,
    )
    .option("--quiet", "no request log")
    .action(async (flags: ServeFlags) => {
      const config = readConfig();
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port must be a port, not "${flags.port}"`);
      const catalog = loadCatalog(flags.catalog ?? DEFAULT_CATALOG_DIR);
      const uploadMb = positive(flags.maxUploadMb, "--max-upload-mb");
      const perMinute = positive(flags.rateLimit, "--rate-limit");
      const store = await openWorkspace(flags);
      const app = createApp({
        store,
        catalog,
        importers: IMPORTERS,
        profiles: parseProfiles(flags.profile),
        ...(config.bootstrapToken && { bootstrapToken: config.bootstrapToken }),
        listsDir: flags.lists ?? defaultCacheDir(flags.data ?? config.dataDir),
        limits: {
          ...(uploadMb !== undefined && { uploadBytes: Math.round(uploadMb * 2 ** 20) }),
          ...(perMinute !== undefined && { perMinute }),
        },
        logger: !flags.quiet,
      });
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(`offramp serve: ${signal}: finishing running ingests, then stopping\n`);
        try {
          await app.close();
        } finally {
          await store.close();
        }
        process.exit(0);
      };
      process.on("SIGINT", () => void stop("SIGINT"));
      process.on("SIGTERM", () => void stop("SIGTERM"));
      try {
        await app.listen({ port, host: flags.host });
      } catch (e) {
        await store.close();
        throw e;
      }
      const address = app.server.address();
      const where =
        typeof address === "object" && address ? `http://${flags.host}:${address.port}` : String(address);
      process.stderr.write(
        `offramp serve: dashboard at ${where}/ (npm run build:web), API at ${where}/api/v1, workspace ${workspaceLabel(flags)}\n`,
      );
      if ((await store.tokens.list()).length === 0) {
        process.stderr.write(
          "offramp serve: no API token exists yet: set OFFRAMP_BOOTSTRAP_TOKEN before the first start, or stop and run `offramp token create --role admin`\n",
        );
      }
    });
}
