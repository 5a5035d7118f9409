import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { TextInput } from "../input/text-input.js";
import type { NetworkFilter } from "../types.js";
import { applyHeader, defaultLayout } from "./layout.js";

/**
 * Zeek 4 and later keep certificate issuers out of ssl.log: it lists the chain's fingerprints and
 * x509.log, written beside it, holds the certificates. The x509 file beside an ssl log is found by
 * name (`ssl` → `x509` in the file name, with or without `.gz`) and read for the certificates whose
 * issuer passes the text pre-filter; only those (a handful) are kept, by fingerprint.
 */
export function x509Beside(sslPath: string): string | undefined {
  const name = basename(sslPath);
  const at = name.lastIndexOf("ssl");
  if (at < 0) return undefined;
  const swapped = `${name.slice(0, at)}x509${name.slice(at + 3)}`;
  const plain = swapped.replace(/\.gz$/, "");
  for (const candidate of [swapped, plain, `${plain}.gz`]) {
    const p = join(dirname(sslPath), candidate);
    if (existsSync(p)) return p;
  }
  return undefined;
}

export async function issuersByFingerprint(path: string, net: NetworkFilter): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const input = TextInput.fromFile(path);
  const layout = defaultLayout();
  for await (const batch of input.lines()) {
    for (const line of batch.lines) {
      if (line.startsWith("#")) {
        applyHeader(layout, line);
        continue;
      }
      if (!net.text.test(line)) continue;
      let fingerprint: string | undefined;
      let issuer: string | undefined;
      if (line.startsWith("{")) {
        try {
          const o = JSON.parse(line) as Record<string, unknown>;
          fingerprint = typeof o.fingerprint === "string" ? o.fingerprint : undefined;
          issuer =
            typeof o["certificate.issuer"] === "string" ? (o["certificate.issuer"] as string) : undefined;
        } catch {
          continue;
        }
      } else {
        const cells = line.split(layout.separator);
        fingerprint = cells[layout.columns.get("fingerprint") ?? -1];
        issuer = cells[layout.columns.get("certificate.issuer") ?? -1];
      }
      if (fingerprint && issuer && net.text.test(issuer)) out.set(fingerprint, issuer.replace(/\\\\,/g, ","));
    }
  }
  return out;
}
