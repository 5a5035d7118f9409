import { blocklist, blocklistNotes, byRule, type ListEntry } from "./blocklist.js";
import { commentBlock, headerLines } from "./header.js";
import type { ExportPlan } from "./plan.js";
import type { Exporter } from "./types.js";

function lines(plan: ExportPlan, list: readonly ListEntry[], directive: (host: string) => string): string[] {
  return byRule(
    plan,
    list,
    (note) => `# ${note}`,
    (e) => [directive(e.host)],
  );
}

export const dnsmasq: Exporter = {
  id: "dnsmasq",
  title: "dnsmasq / Pi-hole blocklist (address=/name/#)",
  file: "kaspersky-dnsmasq.conf",
  limits: [
    "dnsmasq matches a domain and every name under it: exact catalogue rules (dnl-NN.geo.kaspersky.com …) are widened to their subdomains.",
    "address=/name/# answers 0.0.0.0 and :: (the names do not resolve); server=/name/# hands a name back to the normal upstream servers.",
    "Pi-hole reads it from /etc/dnsmasq.d/ (v6: set misc.etc_dnsmasq_d = true); the hosts export is the adlist form.",
    "DNS blocking only sees names resolved through this server: Kaspersky's fallback to public resolvers bypasses it unless outbound DNS is blocked too.",
  ],
  render(plan: ExportPlan): string {
    const list = blocklist(plan);
    const header = headerLines(plan, dnsmasq, blocklistNotes(plan, list));
    return [
      commentBlock(header, "#"),
      ...lines(plan, list.block, (h) => `address=/${h}/#`),
      ...(list.pass.length > 0
        ? ["", "# names the catalogue gives to a public web site: resolve normally"]
        : []),
      ...lines(plan, list.pass, (h) => `server=/${h}/#`),
      "",
    ].join("\n");
  },
};
