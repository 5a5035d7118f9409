import type { Command } from "commander";
import { safeText } from "../../report/render/table.js";
import { ROLES, type Role } from "../../store/tokens.js";
import { addWorkspaceFlag, cliActor, openWorkspace, type WorkspaceFlags } from "../workspace.js";

export function registerToken(program: Command): void {
  const token = program.command("token").description("API tokens (stored hashed; the secret is shown once)");
  addWorkspaceFlag(token.command("create").description("make a token and print its secret"))
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .option("--name <name>", "what the token is for (shown in the audit log)")
    .option("--as <name>", "who makes it, for the audit log (default cli:<user>)")
    .action(async (flags: WorkspaceFlags & { role: string; name?: string; as?: string }) => {
      if (!(ROLES as readonly string[]).includes(flags.role)) {
        throw new Error(`--role must be one of ${ROLES.join(", ")}, not "${flags.role}"`);
      }
      const store = await openWorkspace(flags);
      try {
        const t = await store.tokens.create(
          flags.role as Role,
          flags.name ?? flags.role,
          cliActor(flags.as),
          new Date(),
        );
        process.stderr.write(
          `offramp: token ${t.id} (${t.role}, "${safeText(t.name)}"); keep the secret, it is not shown again\n`,
        );
        process.stdout.write(`${t.token}\n`);
      } finally {
        await store.close();
      }
    });
  addWorkspaceFlag(token.command("list").description("list tokens (never their secrets)")).action(
    async (flags: WorkspaceFlags) => {
      const store = await openWorkspace(flags);
      try {
        for (const t of await store.tokens.list()) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : `last used ${t.lastUsed ?? "never"}`;
          process.stdout.write(
            `${String(t.id).padStart(4)}  ${t.role.padEnd(8)} ${safeText(t.name).padEnd(24)} ${state}\n`,
          );
        }
      } finally {
        await store.close();
      }
    },
  );
  addWorkspaceFlag(token.command("revoke").description("revoke a token").argument("<id>", "token id"))
    .option("--as <name>", "who revokes it, for the audit log")
    .action(async (id: string, flags: WorkspaceFlags & { as?: string }) => {
      const n = Number(id);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`token id must be a number, not "${id}"`);
      const store = await openWorkspace(flags);
      try {
        const t = await store.tokens.revoke(n, cliActor(flags.as), new Date());
        if (!t) throw new Error(`no token ${n}`);
        process.stdout.write(`token ${t.id} revoked\n`);
      } finally {
        await store.close();
      }
    });
}
