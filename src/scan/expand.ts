import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export class InputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "InputError";
  }
}

const SKIP_DIRS = new Set([".git", "node_modules"]);

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    if (e.name.startsWith(".") && e.isDirectory()) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(p, out);
    } else if (e.isFile() && !/^(README|PROVENANCE)(\.md)?$/i.test(e.name)) {
      out.push(p);
    }
  }
}

/** Files named on the command line, folders walked recursively in name order, `-` for stdin. */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (p === "-") {
      out.push("-");
      continue;
    }
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      throw new InputError(p, "no such file or folder");
    }
    if (st.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}
