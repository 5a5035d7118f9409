import type { HostRef, Observation, Platform } from "../../model/observation.js";
import { hostFromFile } from "../shared/host-from-file.js";
import { isObject, jsonRecords } from "../shared/json-records.js";
import type { ImportContext } from "../types.js";
import { agentHost, LAYOUTS, packageFacts } from "./layouts.js";

interface Waiting {
  obs: Omit<Observation, "host">;
  platform?: Platform;
}

/**
 * Syscollector packages in any of Wazuh's shapes. Records that name their agent are reported at
 * once; the others (5.x sync payloads) wait for the payload's system record, which names the host
 * and may come last, then fall back on `--host` and the file name.
 */
export async function parseWazuh(ctx: ImportContext): Promise<void> {
  const { input, sink, options, file } = ctx;
  const head = await input.peek();
  const layout = LAYOUTS.find((l) => l.matches(head))!;
  const waiting: Waiting[] = [];
  let waitingSeen = 0;
  let systemHost: string | undefined;
  let systemPlatform: Platform | undefined;
  let n = 0;

  for (const rec of jsonRecords(await input.text(), layout.path)) {
    sink.record();
    n++;
    if (rec.error !== undefined) {
      sink.issue({ line: rec.line, code: "wazuh-bad-json", message: rec.error });
      continue;
    }
    if (!isObject(rec.value)) {
      sink.issue({ line: rec.line, code: "wazuh-not-an-object", message: "record is not an object" });
      continue;
    }
    const read = layout.read(rec.value);
    systemHost ??= read.systemHost;
    systemPlatform ??= read.systemPlatform;
    const agent = read.agent && agentHost(read.agent, options.host);
    const facts = read.package && packageFacts(read.package);
    if (!facts || !sink.prefilter.test(Object.values(facts.fields).join("\n"))) {
      if (agent) sink.seen(agent);
      else waitingSeen++;
      continue;
    }
    const obs: Omit<Observation, "host"> = {
      kind: facts.kind,
      fields: facts.fields,
      origin: { format: "wazuh", file, line: rec.line, record: n, locator: layout.id },
    };
    if (read.removed) obs.state = "removed";
    if (agent)
      sink.observe({ ...obs, host: facts.platform ? { ...agent, platform: facts.platform } : agent });
    else waiting.push({ obs, platform: facts.platform });
  }

  const host: HostRef = { name: systemHost ?? options.host ?? hostFromFile(file, [".json", ".ndjson"]) };
  if (systemPlatform) host.platform = systemPlatform;
  for (const { obs, platform } of waiting)
    sink.observe({ ...obs, host: platform ? { ...host, platform } : host });
  for (let i = 0; i < waitingSeen; i++) sink.seen(host);
}
