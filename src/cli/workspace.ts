import { userInfo } from "node:os";
import { resolve } from "node:path";
import type { Command } from "commander";
import { readConfig } from "../config.js";
import { Store } from "../store/store.js";

/** Where the embedded workspace lives when neither --data nor OFFRAMP_DATA says. */
export const DEFAULT_DATA_DIR = ".offramp";

export interface WorkspaceFlags {
  data?: string;
}

export function addWorkspaceFlag(cmd: Command): Command {
  return cmd.option(
    "--data <dir>",
    `workspace folder of the embedded database (default $OFFRAMP_DATA or ./${DEFAULT_DATA_DIR}); DATABASE_URL selects PostgreSQL instead`,
  );
}

/** Describes where the workspace is, for messages (never the connection string: it may hold a password). */
export function workspaceLabel(flags: WorkspaceFlags): string {
  const config = readConfig();
  if (config.databaseUrl) return "PostgreSQL (DATABASE_URL)";
  return resolve(flags.data ?? config.dataDir ?? DEFAULT_DATA_DIR);
}

export async function openWorkspace(flags: WorkspaceFlags): Promise<Store> {
  const config = readConfig();
  if (config.databaseUrl) return Store.open({ databaseUrl: config.databaseUrl });
  return Store.open({ dataDir: resolve(flags.data ?? config.dataDir ?? DEFAULT_DATA_DIR) });
}

/** How the audit log names a person at the terminal. */
export function cliActor(as: string | undefined): string {
  if (as) return as;
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}
