import { byText } from "../../match/order.js";
import { commentBlock, headerLines } from "./header.js";
import type { ExportPlan } from "./plan.js";
import type { Exporter } from "./types.js";

function zeekString(value: string): string {
  return `"${value.replace(/[\\"]/g, "\\$&")}"`;
}

/**
 * The suffix half of the Zeek export: for each DNS query, TLS server name and HTTP Host, every
 * parent name that is a catalogue suffix rule is passed to Intel::seen, so the intel file's entry
 * for that suffix fires for the names under it. The name itself is left to Zeek's own seen
 * scripts, which already look it up exactly.
 */
export const zeekSuffix: Exporter = {
  id: "zeek-suffix",
  title: "Zeek script: suffix matching for the intel file (names under a suffix rule)",
  file: "offramp-kaspersky-suffix.zeek",
  limits: [
    "intel.log shows the suffix name as the indicator seen (upd.kaspersky.com), not the full query; the connection uid joins it to dns.log, ssl.log or http.log.",
    "Needs the intel file from `offramp export zeek-intel` loaded: it only reports names the intel framework knows.",
  ],
  render(plan: ExportPlan): string {
    const suffixes = plan.hosts
      .filter((r) => r.match === "suffix")
      .flatMap((r) => r.hosts.map((h) => ({ h, r })))
      .sort((a, b) => byText(a.h, b.h));
    const header = headerLines(plan, zeekSuffix, [
      "Load after the intel file: @load ./offramp-kaspersky-suffix.zeek",
    ]);
    const set = suffixes.map(({ h, r }) => `\t\t${zeekString(h)},\t# ${r.id} [${r.sources.join(" ")}]`);
    if (set.length > 0) set[set.length - 1] = set[set.length - 1]!.replace(/,\t#/, "\t#");
    return [
      commentBlock(header, "##!"),
      "",
      "@load base/frameworks/intel",
      "@load policy/frameworks/intel/seen/where-locations",
      "",
      "module OfframpKaspersky;",
      "",
      "export {",
      "\t## Names whose subdomains are all indicators (catalogue match: suffix).",
      "\tconst suffixes: set[string] = {",
      ...set,
      "\t} &redef;",
      "}",
      "",
      "function seen_parents(name: string, where: Intel::Where, c: connection)",
      "\t{",
      '\tlocal labels = split_string(to_lower(sub(name, /\\.$/, "")), /\\./);',
      "\tif ( |labels| < 3 )",
      "\t\treturn;",
      "",
      "\t# strict parents only, from the shortest that can be a suffix rule: the full name is matched",
      "\t# exactly by Zeek's own seen scripts",
      "\tlocal parent = labels[|labels| - 1];",
      "\tlocal i = |labels| - 1;",
      "\twhile ( i > 1 )",
      "\t\t{",
      "\t\t--i;",
      '\t\tparent = labels[i] + "." + parent;',
      "\t\tif ( parent in suffixes )",
      "\t\t\tIntel::seen(Intel::Seen($indicator=parent, $indicator_type=Intel::DOMAIN, $conn=c, $where=where));",
      "\t\t}",
      "\t}",
      "",
      "event dns_request(c: connection, msg: dns_msg, query: string, qtype: count, qclass: count)",
      "\t{",
      "\tseen_parents(query, DNS::IN_REQUEST, c);",
      "\t}",
      "",
      "event ssl_extension_server_name(c: connection, is_orig: bool, names: string_vec)",
      "\t{",
      "\tif ( ! is_orig )",
      "\t\treturn;",
      "\tfor ( i in names )",
      "\t\tseen_parents(names[i], SSL::IN_SERVER_NAME, c);",
      "\t}",
      "",
      "event http_header(c: connection, is_orig: bool, name: string, value: string)",
      "\t{",
      '\tif ( is_orig && name == "HOST" )',
      '\t\tseen_parents(gsub(value, /:[[:digit:]]+$/, ""), HTTP::IN_HOST_HEADER, c);',
      "\t}",
      "",
    ].join("\n");
  },
};
