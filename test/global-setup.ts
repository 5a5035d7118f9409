import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * End-to-end tests run the built CLI, so the suite builds dist/ once before it starts. Type errors
 * do not stop the tests (tsc still writes JavaScript; `npm run typecheck` is the gate for them).
 */
export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  try {
    execFileSync(
      process.execPath,
      [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
      {
        cwd: root,
        stdio: "pipe",
      },
    );
  } catch (e) {
    const out = String((e as { stdout?: Buffer }).stdout ?? "");
    console.warn(
      `[build] tsc reported errors; tests run on what it emitted:\n${out.split("\n").slice(0, 10).join("\n")}`,
    );
    if (!existsSync(join(root, "dist/cli/main.js"))) throw e;
  }
}
