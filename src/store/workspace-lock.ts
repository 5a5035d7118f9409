import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

export class WorkspaceBusyError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it. A
 * lock file with the owner's pid keeps `offramp ingest` from writing under a running `offramp serve`;
 * a lock left by a killed process (its pid is gone) is taken over.
 */
export function lockWorkspace(dir: string): () => void {
  const path = join(dir, "offramp.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, "utf8").trim() === String(process.pid)) rmSync(path);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new WorkspaceBusyError(
          `the workspace ${dir} is in use by process ${pid} (offramp serve?); use its API or stop it first`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new WorkspaceBusyError(`could not lock the workspace ${dir}`);
}
