import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";

/**
 * SHA-256 of a whole large file (the Zeek fast path, and TextInput for big plain files). Node's bundled OpenSSL hashes at ~0.8 GB/s here,
 * which alone would take most of the time a scan of a large log needs; the system's `openssl dgst`
 * uses the CPU's SHA extensions (~1.8 GB/s) and runs in its own process, beside the scan. Used only
 * when the file provably did not change while it was read (same size, inode and modification
 * time before and after); otherwise, or without `openssl`, the hash is computed here.
 */
export async function fileDigest(
  path: string,
  size: number,
): Promise<{ digest: string; bytes: number; tool: string }> {
  const before = statSync(path);
  const fromTool = await opensslDigest(path);
  const after = statSync(path);
  const unchanged =
    before.size === size &&
    after.size === size &&
    after.ino === before.ino &&
    after.mtimeMs === before.mtimeMs;
  if (fromTool && unchanged) return { digest: fromTool, bytes: size, tool: "openssl" };
  return { ...(await hashRange(path, size)), tool: "node" };
}

function opensslDigest(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    let out = "";
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn("openssl", ["dgst", "-sha256", "-r", path], { stdio: ["ignore", "pipe", "ignore"] });
    } catch {
      resolve(undefined);
      return;
    }
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      out += d;
    });
    child.on("error", () => resolve(undefined));
    child.on("close", (code) => {
      const hex = /^([0-9a-f]{64})\b/.exec(out)?.[1];
      resolve(code === 0 ? hex : undefined);
    });
  });
}

export async function hashRange(path: string, size: number): Promise<{ digest: string; bytes: number }> {
  const h = createHash("sha256");
  let bytes = 0;
  if (size > 0) {
    for await (const c of createReadStream(path, { start: 0, end: size - 1, highWaterMark: 1 << 20 })) {
      h.update(c as Buffer);
      bytes += (c as Buffer).length;
    }
  }
  return { digest: h.digest("hex"), bytes };
}
