import { commentBlock, headerLines } from "./header.js";
import type { ExportPlan, HostIndicator } from "./plan.js";
import type { Exporter } from "./types.js";

/**
 * Suricata rules. A suffix rule is `dotprefix` + `content:".name"; endswith`: the buffer with a dot
 * put in front ends with `.name`, which holds for the name and every name under it and never for
 * `notname` or `name.evil.example`. An exact rule is `content:"name"; startswith; endswith`.
 */

/** SIDs live in 1,880,000–1,979,999 (inside the local range 1,000,000–1,999,999), one per rule key. */
const SID_BASE = 1_880_000;
const SID_SPAN = 100_000;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Stable SIDs: from a hash of the rule's key, moved to the next free one on a collision. */
class Sids {
  private readonly used = new Set<number>();
  take(key: string): number {
    let sid = SID_BASE + (fnv1a(key) % SID_SPAN);
    while (this.used.has(sid)) sid = SID_BASE + ((sid - SID_BASE + 1) % SID_SPAN);
    this.used.add(sid);
    return sid;
  }
}

/** A content string: quote, semicolon, backslash, pipe and every non-printable or non-ASCII byte as hex. */
export function suricataContent(value: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(value)) {
    const c = String.fromCharCode(byte);
    out +=
      byte < 0x20 || byte > 0x7e || `";\\|`.includes(c)
        ? `|${byte.toString(16).toUpperCase().padStart(2, "0")}|`
        : c;
  }
  return out.replace(/\|\|/g, " ");
}

/** A msg string: quote, semicolon and backslash escaped with a backslash, control characters dropped. */
export function suricataMsg(value: string): string {
  return value.replace(/[\x00-\x1f\x7f]/g, " ").replace(/[\\";]/g, "\\$&");
}

/** A metadata value: one token of letters, digits and `._:/-`, anything else percent-encoded. */
export function suricataMetaValue(value: string): string {
  return [...new TextEncoder().encode(value)]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9._:/-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
    })
    .join("");
}

interface Meta {
  id: string;
  sources: readonly string[];
  low: boolean;
  extra?: [string, string][];
}

function metadata(plan: ExportPlan, m: Meta): string {
  const pairs: [string, string][] = [
    ["offramp_catalog", `${plan.catalog.name}-${plan.catalog.version}`],
    ["offramp_rule", m.id],
    ...m.sources.map((s): [string, string] => ["offramp_source", s]),
    ["offramp_confidence", m.low ? "low" : "normal"],
    ...(m.extra ?? []),
  ];
  return pairs.map(([k, v]) => `${k} ${suricataMetaValue(v)}`).join(", ");
}

/** The sticky buffers a host name is seen in, and whether the buffer is already lower-case. */
const BUFFERS = [
  { proto: "dns", buffer: "dns.query", lower: false },
  { proto: "tls", buffer: "tls.sni", lower: false },
  { proto: "http", buffer: "http.host", lower: true },
] as const;

function hostRules(plan: ExportPlan, rule: HostIndicator, sids: Sids): string[] {
  const out: string[] = [];
  const label = rule.informational
    ? "Kaspersky public web site (informational, not an install indicator)"
    : `Kaspersky ${rule.signal} host${rule.strong ? "" : " (weak)"}`;
  const classtype = rule.informational ? "misc-activity" : "policy-violation";
  for (const host of rule.hosts) {
    for (const b of BUFFERS) {
      // http.host is normalised to lower case by Suricata, which refuses nocase on it
      const nocase = b.lower ? "" : " nocase;";
      const match =
        rule.match === "suffix"
          ? `${b.buffer}; dotprefix; content:"${suricataContent(`.${host}`)}";${nocase} endswith;`
          : `${b.buffer}; content:"${suricataContent(host)}";${nocase} startswith; endswith;`;
      const what = rule.match === "suffix" ? `${host} and names under it` : host;
      const msg = `offramp ${label}: ${what} (${rule.id}${rule.low ? ", low confidence" : ""})`;
      const sid = sids.take(`${rule.id}|${host}|${b.proto}`);
      out.push(
        `alert ${b.proto} $HOME_NET any -> any any (msg:"${suricataMsg(msg)}"; ${match} classtype:${classtype}; sid:${sid}; rev:1; metadata:${metadata(plan, { ...rule, extra: [["offramp_signal", rule.signal]] })};)`,
      );
    }
  }
  return out;
}

function render(plan: ExportPlan): string {
  const sids = new Sids();
  const header = headerLines(plan, suricata, [
    "Rules use dotprefix, startswith and endswith (Suricata 5 or later) and the classtypes of the default classification.config.",
    ...(plan.resolvers
      ? [
          `DNS rules match queries to any resolver, so the fallback to public resolvers (${plan.resolvers.id}: ${plan.resolvers.resolvers.join(", ")}) is seen too.`,
        ]
      : []),
  ]);
  const lines = [commentBlock(header, "#")];
  for (const rule of plan.hosts) {
    lines.push("", `# ${rule.id}: ${rule.signal}, match ${rule.match} [${rule.sources.join(" ")}]`);
    lines.push(...hostRules(plan, rule, sids));
  }
  for (const rule of plan.issuers) {
    lines.push("", `# ${rule.id}: TLS interception issuers [${rule.sources.join(" ")}]`);
    for (const issuer of rule.issuers) {
      const msg = `offramp Kaspersky HTTPS interception certificate issuer: ${issuer} (${rule.id}${rule.low ? ", low confidence" : ""})`;
      lines.push(
        `alert tls any any -> $HOME_NET any (msg:"${suricataMsg(msg)}"; tls.cert_issuer; content:"${suricataContent(issuer)}"; nocase; classtype:policy-violation; sid:${sids.take(`${rule.id}|${issuer}`)}; rev:1; metadata:${metadata(plan, rule)};)`,
      );
    }
  }
  if (plan.ports.length > 0) lines.push("", "# Kaspersky Security Center ports between internal hosts");
  for (const p of plan.ports) {
    const msg = `offramp Kaspersky Security Center ${p.proto}/${p.port}: ${p.role} (${p.id}${p.low ? ", low confidence" : ""})`;
    // the end the catalogue reports is the one tracked, so one alert per Kaspersky host and hour
    const track = p.report === "responder" ? "by_dst" : "by_src";
    const flow = p.proto === "tcp" ? " flow:established,to_server;" : "";
    lines.push(
      `alert ${p.proto} $HOME_NET any -> $HOME_NET ${p.port} (msg:"${suricataMsg(msg)}";${flow} threshold:type limit, track ${track}, count 1, seconds 3600; classtype:policy-violation; sid:${sids.take(`${p.id}|${p.proto}/${p.port}`)}; rev:1; metadata:${metadata(plan, { ...p, extra: [["offramp_report", p.report]] })};)`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export const suricata: Exporter = {
  id: "suricata",
  title:
    "Suricata rules: DNS query, TLS SNI and HTTP Host per Kaspersky host; interception issuers; Security Center ports",
  file: "offramp-kaspersky.rules",
  limits: [
    "A rule matches one name pattern in one buffer: the catalogue's longest-rule-wins order cannot be expressed, so a name under both a product host and Kaspersky's base domain fires both (the base-domain rule is classtype misc-activity, marked informational).",
    "Encrypted DNS (DoH/DoT) and TLS 1.3 Encrypted Client Hello hide the names these rules read.",
    "Security Center port rules see both ends inside $HOME_NET only; tune $HOME_NET to your internal ranges.",
  ],
  render,
};
