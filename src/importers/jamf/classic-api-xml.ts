import { hostFromFile } from "../shared/host-from-file.js";
import { isObject, str } from "../shared/json-records.js";
import { lineOf, safeXmlParser, stripDoctype, xmlText } from "../shared/safe-xml.js";
import type { ImportContext } from "../types.js";
import { type JamfApp, jamfHost, reportComputer } from "./application.js";

const OPEN = /<computer(?:\s[^>]*)?>/g;
const CLOSE = "</computer>";

function text(node: unknown): string | undefined {
  return str(xmlText(node));
}

/**
 * Classic API `GET /JSSResource/computers/id/{id}` (or `/subset/General&Software`): each
 * `<computer>` element is parsed on its own, so one damaged computer costs only itself.
 */
export async function parseClassicApiXml(ctx: ImportContext): Promise<void> {
  const { input, sink, options, file } = ctx;
  const raw = await input.text();
  const xml = stripDoctype(raw)?.text ?? raw;
  const parser = safeXmlParser({ isArray: (name) => name === "application" });
  const fallback = options.host ?? hostFromFile(file, [".xml"]);
  let n = 0;
  for (const m of xml.matchAll(OPEN)) {
    n++;
    const line = lineOf(xml, m.index);
    const end = xml.indexOf(CLOSE, m.index);
    if (end < 0) {
      sink.record();
      sink.issue({ line, code: "jamf-truncated", message: "a <computer> element is never closed" });
      return;
    }
    let computer: unknown;
    try {
      computer = parser.parse(xml.slice(m.index, end + CLOSE.length)).computer;
    } catch (e) {
      sink.record();
      sink.issue({ line, code: "jamf-bad-xml", message: (e as Error).message.slice(0, 200) });
      continue;
    }
    const c = isObject(computer) ? computer : {};
    const general = isObject(c.general) ? c.general : {};
    const software = isObject(c.software) ? c.software : {};
    const list = isObject(software.applications) ? software.applications.application : undefined;
    const apps: JamfApp[] = (Array.isArray(list) ? list : []).filter(isObject).map((a) => ({
      name: text(a.name),
      path: text(a.path),
      version: text(a.version),
      bundleId: text(a.bundle_id),
    }));
    const host = jamfHost(
      text(general.name),
      text(general.serial_number),
      fallback,
      text(general.ip_address),
    );
    reportComputer(sink, host, apps, { format: "jamf", file, line, record: n }, "Jamf Classic API computer");
  }
}
