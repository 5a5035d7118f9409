import { networkFilter, networkObservation, SkipCounter } from "../shared/network-records.js";
import { firstLines } from "../sniff.js";
import type { ImportContext } from "../types.js";
import { fastPathFor, scanZeekFast } from "./fast-scan.js";
import { applyHeader, defaultLayout, pathFromFields, pathOf, type ZeekLayout } from "./layout.js";
import { type Get, READ_PATHS, zeekRecord } from "./records.js";
import { issuersByFingerprint, x509Beside } from "./x509-join.js";

export const FORMAT = "zeek";

/** Zeek ASCII logs start with `#separator`; Zeek JSON lines carry `id.orig_h` or `_path`. */
export function sniffZeek(head: string): number {
  if (head.startsWith("#separator ") || head.startsWith("\uFEFF#separator ")) return 0.95;
  const [first] = firstLines(head, 1);
  if (!first?.startsWith("{")) return 0;
  try {
    const o = JSON.parse(first) as Record<string, unknown>;
    if (typeof o !== "object" || o === null) return 0;
    if ("id.orig_h" in o && ("ts" in o || "uid" in o)) return 0.9;
    if (typeof o._path === "string" && "_write_ts" in o) return 0.85;
  } catch {
    return 0;
  }
  return 0;
}

interface State {
  ctx: ImportContext;
  skips: SkipCounter;
  issuers: Map<string, string>;
  x509Hits: number;
  x509First: number;
}

async function joinFor(ctx: ImportContext, path: string | undefined): Promise<Map<string, string>> {
  const file = ctx.input.source.path;
  if (path !== "ssl" || !file) return new Map();
  const beside = x509Beside(file);
  return beside ? issuersByFingerprint(beside, networkFilter(ctx)) : new Map();
}

function emit(st: State, path: string, get: Get, line: number): void {
  const net = networkFilter(st.ctx);
  if (path === "x509") {
    const issuer = get("certificate.issuer");
    if (issuer && net.text.test(issuer)) {
      if (st.x509Hits++ === 0) st.x509First = line;
    }
    return;
  }
  const r = zeekRecord(path, get, net, (fp) => st.issuers.get(fp));
  if (r) st.ctx.sink.observe(networkObservation(st.ctx, FORMAT, { ...r, line }));
}

/** Candidate test on the raw line: only lines that can match are split. */
function mayMatch(st: State, path: string, line: string): boolean {
  if (path === "conn") return true;
  if (networkFilter(st.ctx).text.test(line)) return true;
  if (path === "ssl" && st.issuers.size > 0)
    for (const fp of st.issuers.keys()) if (line.includes(fp)) return true;
  return false;
}

async function parseTsv(st: State): Promise<void> {
  const { ctx } = st;
  const layout: ZeekLayout = defaultLayout();
  let path: string | undefined;
  let joined = false;
  for await (const batch of ctx.input.lines()) {
    let records = 0;
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!;
      const lineNo = batch.first + i;
      if (line.startsWith("#")) {
        applyHeader(layout, line);
        if (line.startsWith("#fields")) {
          path = pathOf(layout);
          if (!joined) {
            st.issuers = await joinFor(ctx, path);
            joined = true;
          }
        }
        continue;
      }
      if (line.length === 0) continue;
      records++;
      if (path === undefined || layout.fields.length === 0) {
        ctx.sink.issue({ line: lineNo, code: "zeek-no-header", message: "record before any #fields header" });
        continue;
      }
      if (!READ_PATHS.has(path)) {
        st.skips.add(`of the Zeek ${path} log`, lineNo);
        continue;
      }
      if (!mayMatch(st, path, line)) continue;
      const cells = line.split(layout.separator);
      if (cells.length !== layout.fields.length) {
        ctx.sink.issue({
          line: lineNo,
          code: "zeek-columns",
          message: `${cells.length} columns where #fields names ${layout.fields.length}`,
        });
        continue;
      }
      const get: Get = (name) => {
        const v = cells[layout.columns.get(name) ?? -1];
        return v === undefined || v === layout.unset || v === layout.empty || v === "" ? undefined : v;
      };
      emit(st, path, get, lineNo);
    }
    ctx.sink.record(records);
  }
}

async function parseJson(st: State): Promise<void> {
  const { ctx } = st;
  let joinedPath: string | undefined;
  const [first] = firstLines(ctx.input.head, 1);
  try {
    const o = JSON.parse(first ?? "") as Record<string, unknown>;
    const headPath = (typeof o._path === "string" ? o._path : undefined) ?? pathFromFields((n) => n in o);
    if (headPath === "ssl") {
      st.issuers = await joinFor(ctx, "ssl");
      joinedPath = "ssl";
    }
  } catch {
    // the loop below reports the bad line
  }
  for await (const batch of ctx.input.lines()) {
    let records = 0;
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]!.trim();
      const lineNo = batch.first + i;
      if (line.length === 0) continue;
      records++;
      if (!line.startsWith("{")) {
        ctx.sink.issue({ line: lineNo, code: "zeek-json", message: "not a JSON object" });
        continue;
      }
      const conn = line.includes('"conn_state"') || line.includes('"history"');
      if (!conn && !mayMatch(st, joinedPath ?? "", line)) continue;
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(line) as Record<string, unknown>;
      } catch (e) {
        ctx.sink.issue({ line: lineNo, code: "zeek-json", message: `bad JSON: ${(e as Error).message}` });
        continue;
      }
      const path = (typeof o._path === "string" ? o._path : undefined) ?? pathFromFields((n) => n in o);
      if (!path || !READ_PATHS.has(path)) {
        st.skips.add(`of a Zeek ${path ?? "unknown"} log`, lineNo);
        continue;
      }
      if (path === "ssl" && joinedPath !== "ssl") {
        st.issuers = await joinFor(ctx, "ssl");
        joinedPath = "ssl";
      }
      const get: Get = (name) => {
        const v = o[name];
        if (v === undefined || v === null) return undefined;
        if (Array.isArray(v)) return v.length > 0 ? v.map(String).join(",") : undefined;
        return String(v);
      };
      emit(st, path, get, lineNo);
    }
    ctx.sink.record(records);
  }
}

export async function parseZeek(ctx: ImportContext): Promise<void> {
  const st: State = { ctx, skips: new SkipCounter(), issuers: new Map(), x509Hits: 0, x509First: 0 };
  const head = ctx.input.head.replace(/^\uFEFF/, "");
  const fast = fastPathFor(ctx, head);
  if (fast && (await scanZeekFast(ctx, fast))) {
    // done: the fast path read, matched and hashed the whole file
  } else if (head.startsWith("#")) await parseTsv(st);
  else await parseJson(st);
  st.skips.report(ctx);
  if (st.x509Hits > 0) {
    ctx.sink.issue({
      line: st.x509First,
      severity: "info",
      code: "zeek-x509",
      message: `${st.x509Hits} certificate(s) with an issuer naming Kaspersky; x509.log does not say which client received them: they are reported from the ssl.log beside it`,
    });
  }
}
