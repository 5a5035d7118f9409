import { blocklist, blocklistNotes, byRule } from "./blocklist.js";
import { commentBlock, headerLines } from "./header.js";
import type { ExportPlan } from "./plan.js";
import type { Exporter } from "./types.js";

export const hostsFile: Exporter = {
  id: "hosts",
  title: "hosts file / Pi-hole adlist (0.0.0.0 and :: per name)",
  file: "kaspersky.hosts",
  limits: [
    "A hosts file names exact hosts only: for a suffix rule (upd.kaspersky.com) the name itself is listed, names under it (s07.upd.kaspersky.com) are not. Use the RPZ, dnsmasq or Unbound export where suffixes matter.",
    "There is no pass-through in a hosts file; it never lists a public web site, so none is needed.",
    "Kaspersky's fallback to public resolvers bypasses a hosts file as it does any DNS block unless outbound DNS is blocked too.",
  ],
  render(plan: ExportPlan): string {
    const list = blocklist(plan);
    const header = headerLines(plan, hostsFile, blocklistNotes(plan, list));
    const out = [
      commentBlock(header, "#"),
      ...byRule(
        plan,
        list.block,
        (note) => `# ${note}`,
        (e) => [`0.0.0.0 ${e.host}`, `:: ${e.host}`],
      ),
    ];
    return `${out.join("\n")}\n`;
  },
};
