import type { HostRef, ObservationFields, ObservationKind, Platform } from "../../model/observation.js";
import { isObject, type RecordPath, str } from "../shared/json-records.js";

type Json = Record<string, unknown>;

/** What one record carries: a package, the agent it belongs to, or the host it describes. */
export interface Read {
  package?: Json;
  agent?: { id?: string; name?: string };
  /** A 5.x sync `Delete`: the package was there and is gone. */
  removed?: boolean;
  /** `host.hostname` of a system-inventory record: the machine a payload without agents is about. */
  systemHost?: string;
  systemPlatform?: Platform;
}

/** One way Wazuh hands out syscollector packages: where the records are and how to read one. */
export interface Layout {
  id: string;
  matches(head: string): boolean;
  path: RecordPath;
  read(record: Json): Read;
}

function agentOf(value: unknown): Read["agent"] {
  if (!isObject(value)) return undefined;
  const agent = { id: str(value.id), name: str(value.name) };
  return agent.id || agent.name ? agent : undefined;
}

/** An indexer document of `wazuh-states-inventory-*`: `package`, `agent`, and for the system index `host`. */
function readDocument(doc: Json): Read {
  const read: Read = {};
  if (isObject(doc.package) && str(doc.package.name)) read.package = doc.package;
  const agent = agentOf(doc.agent);
  if (agent) read.agent = agent;
  if (isObject(doc.host)) {
    const host = str(doc.host.hostname);
    if (host) read.systemHost = host;
    const os = isObject(doc.host.os) ? doc.host.os : {};
    const platform = OS_PLATFORMS[(str(os.type) ?? str(os.platform) ?? "").toLowerCase()];
    if (platform) read.systemPlatform = platform;
  }
  return read;
}

const OS_PLATFORMS: Record<string, Platform> = {
  windows: "windows",
  darwin: "macos",
  macos: "macos",
  linux: "linux",
};

const body = (head: string) => head.replace(/^\uFEFF/, "").trimStart();

/** Tried in order; the last takes any document (one per line, or concatenated). */
export const LAYOUTS: readonly Layout[] = [
  {
    id: "REST API 4.x",
    matches: (head) => /"affected_items"\s*:/.test(head),
    path: ["data", "affected_items", "*"],
    read: (item) => {
      const agent = str(item.agent_id);
      return { package: item, ...(agent && { agent: { id: agent } }) };
    },
  },
  {
    id: "agent sync 5.x",
    matches: (head) => /^\{[\s\S]*"items"\s*:/.test(body(head)) && head.includes("wazuh-states-inventory-"),
    path: ["items", "*"],
    read: (item) => {
      const data = isObject(item.data) ? item.data : {};
      const read = readDocument(data);
      if (read.package && isObject(read.package.hotfix)) delete read.package;
      if (str(item.operation)?.toLowerCase() === "delete") read.removed = true;
      return read;
    },
  },
  {
    id: "indexer search",
    matches: (head) => /^\{[\s\S]*"hits"\s*:\s*\{/.test(body(head)),
    path: ["hits", "hits", "*"],
    read: (hit) => (isObject(hit._source) ? readDocument(hit._source) : {}),
  },
  {
    id: "indexer documents",
    matches: (head) => body(head).startsWith("["),
    path: ["*"],
    read: readDocument,
  },
  { id: "indexer documents", matches: () => true, path: [], read: readDocument },
];

/** Linux package managers, whose package names the catalogue knows (`kesl`, `klnagent64`). */
const PACKAGE_MANAGERS = new Set(["deb", "rpm", "apk", "pacman", "snap", "portage"]);
const PLATFORMS: Record<string, Platform> = {
  win: "windows",
  pkg: "macos",
  macports: "macos",
  homebrew: "macos",
  deb: "linux",
  rpm: "linux",
  apk: "linux",
  pacman: "linux",
  snap: "linux",
};

export interface PackageFacts {
  kind: ObservationKind;
  platform?: Platform;
  fields: ObservationFields;
}

/** A syscollector package (4.x `format`, 5.x `type`) as observation fields. */
export function packageFacts(pkg: Json): PackageFacts {
  const format = (str(pkg.format) ?? str(pkg.type) ?? "").toLowerCase();
  const name = str(pkg.name);
  const fields: Record<string, string | undefined> = {
    name,
    version: str(pkg.version),
    publisher: str(pkg.vendor),
    path: str(pkg.location) ?? str(pkg.path),
    installDate: str(pkg.install_time) ?? str(pkg.installed),
    package: PACKAGE_MANAGERS.has(format) ? name : undefined,
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (v) out[k] = v;
  const facts: PackageFacts = {
    kind: PACKAGE_MANAGERS.has(format) ? "package" : "software",
    fields: out as ObservationFields,
  };
  const platform = PLATFORMS[format];
  if (platform) facts.platform = platform;
  return facts;
}

/** Agent ids are only unique within one manager, so they are kept apart from other id schemes. */
export function agentHost(agent: NonNullable<Read["agent"]>, fallbackName?: string): HostRef {
  const ref: HostRef = {};
  const name = agent.name ?? fallbackName;
  if (name) ref.name = name;
  if (agent.id) ref.id = `wazuh-agent:${agent.id}`;
  return ref;
}
