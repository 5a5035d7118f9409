import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./shared.js";

const MAIN = pathToFileURL(join(ROOT, "dist/cli/main.js")).href;

/** The built CLI in a child process (the suite's global setup builds dist/ first). */
export function offramp(args: string[], options: { cwd?: string } = {}): ChildProcess {
  const script = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(process.argv);`;
  return spawn(process.execPath, ["--input-type=module", "-e", script, "offramp", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.cwd && { cwd: options.cwd }),
  });
}

export interface Finished {
  code: number | null;
  signal: string | null;
  out: string;
  err: string;
}

export function finished(child: ChildProcess): Promise<Finished> {
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, out, err })));
}

export function run(args: string[], options: { cwd?: string } = {}): Promise<Finished> {
  return finished(offramp(args, options));
}
