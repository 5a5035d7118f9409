import { isoFromEpoch, isoFromIso } from "../shared/log-time.js";
import { clientRef, type NetworkRecord } from "../shared/network-records.js";
import type { NetworkFilter } from "../types.js";

/** A field of the current record: undefined when unset (`-`) or empty. */
export type Get = (name: string) => string | undefined;

/** The Zeek logs offramp reads and what each gives. */
export const READ_PATHS = new Set(["dns", "ssl", "x509", "conn", "http"]);

export function zeekTime(ts: string | undefined): string | undefined {
  if (ts === undefined) return undefined;
  return /^\d/.test(ts) && !ts.includes("-") ? isoFromEpoch(ts) : isoFromIso(ts);
}

function hostOnly(value: string): string {
  // HTTP Host headers may carry a port; IPv6 literals come bracketed.
  if (value.startsWith("[")) return value.slice(1, value.indexOf("]") >>> 0);
  const colon = value.lastIndexOf(":");
  return colon > 0 && value.indexOf(":") === colon ? value.slice(0, colon) : value;
}

/**
 * The observation a record of one Zeek log makes, if any. `issuerOf` resolves a certificate
 * fingerprint to its issuer (from the x509.log beside an ssl.log).
 */
export function zeekRecord(
  path: string,
  get: Get,
  net: NetworkFilter,
  issuerOf: (fingerprint: string) => string | undefined,
): NetworkRecord | undefined {
  const client = get("id.orig_h");
  if (!client) return undefined;
  const at = zeekTime(get("ts"));
  const base = { host: clientRef(client), ...(at && { at }) };
  switch (path) {
    case "dns": {
      const query = get("query");
      if (!query || !net.mayMatchName(query)) return undefined;
      const resolver = get("id.resp_h");
      return { kind: "dns", ...base, fields: { domain: query, ...(resolver && { resolver }) } };
    }
    case "ssl": {
      const sni = get("server_name");
      let issuer = get("issuer");
      if (!issuer) {
        const chain = get("cert_chain_fps") ?? get("cert_chain_fuids");
        const leaf = chain?.split(",")[0];
        if (leaf) issuer = issuerOf(leaf);
      }
      const domain = sni && net.mayMatchName(sni) ? sni : undefined;
      if (!domain && !(issuer && net.text.test(issuer))) return undefined;
      const dstIp = get("id.resp_h");
      const dstPort = get("id.resp_p");
      return {
        kind: "tls",
        ...base,
        fields: {
          ...(domain && { domain }),
          ...(issuer && { issuer }),
          ...(dstIp && { dstIp }),
          ...(dstPort && { dstPort }),
          proto: "tcp",
        },
      };
    }
    case "http": {
      const host = get("host");
      if (!host || !net.mayMatchName(hostOnly(host))) return undefined;
      const dstIp = get("id.resp_h");
      return { kind: "http", ...base, fields: { domain: hostOnly(host), ...(dstIp && { dstIp }) } };
    }
    case "conn": {
      const proto = get("proto");
      const port = Number(get("id.resp_p"));
      const dstIp = get("id.resp_h");
      if (!proto || !dstIp || !net.kscPort(proto, port)) return undefined;
      return { kind: "flow", ...base, fields: { dstIp, dstPort: String(port), proto } };
    }
    default:
      return undefined;
  }
}
