import { overallStatus, STATUS_ORDER, statusRank } from "../assess/severity.js";
import type { RegimeSet } from "../catalog/regimes.js";
import { byText } from "../match/order.js";
import type { AssessmentStatus, Finding } from "../model/finding.js";
import type { HostSummary, ReportDocument } from "../model/report.js";

/** One point of the burn-down: open work items on a day (fed by the workspace's history). */
export interface HistoryPoint {
  date: string;
  open: number;
}

export interface HostView {
  host: HostSummary;
  status: AssessmentStatus | undefined;
  findings: Finding[];
}

export interface DeadlineView {
  date: string;
  instant: string;
  what: string;
  regime: string;
  findings: number;
  passed: boolean;
}

export interface CoverageGap {
  kind: "input-issues" | "unreadable-input" | "network-only" | "no-inventory-platform" | "unassessed";
  text: string;
}

/**
 * Everything a human-facing report shows, computed once from the report document and the
 * catalogue's regimes; the renderers only lay it out.
 */
export interface ReportView {
  doc: ReportDocument;
  covered: Finding[];
  hostsByStatus: { status: AssessmentStatus | "none"; hosts: number }[];
  products: { product: string; name: string; hosts: number; findings: number }[];
  hosts: HostView[];
  deadlines: DeadlineView[];
  regimes: { id: string; name: string; force: string; citation: string; reaches: string; used: number }[];
  gaps: CoverageGap[];
  platforms: string[];
  history: HistoryPoint[];
}

function isNetworkOnly(h: HostSummary): boolean {
  return h.seenIn.length > 0 && h.seenIn.every((s) => s === "network");
}

export function buildView(doc: ReportDocument, regimes: RegimeSet, history: HistoryPoint[] = []): ReportView {
  const asOf = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(doc.asOf) ? `${doc.asOf}T12:00:00Z` : doc.asOf);
  const covered = doc.findings.filter((f) => f.scope === "covered");
  const byHost = new Map<string, Finding[]>();
  for (const f of doc.findings) byHost.set(f.host, [...(byHost.get(f.host) ?? []), f]);

  const hosts: HostView[] = doc.hosts
    .filter((h) => byHost.has(h.id))
    .map((host) => {
      const findings = byHost.get(host.id) ?? [];
      return { host, findings, status: overallStatus(findings.flatMap((f) => f.assessments)) };
    })
    .sort(
      (a, b) =>
        (a.status ? statusRank(a.status) : 99) - (b.status ? statusRank(b.status) : 99) ||
        byText(a.host.id, b.host.id),
    );

  const counts = new Map<string, number>();
  for (const h of hosts) counts.set(h.status ?? "none", (counts.get(h.status ?? "none") ?? 0) + 1);
  const hostsByStatus = [...STATUS_ORDER, "none" as const]
    .filter((s) => counts.has(s))
    .map((status) => ({ status, hosts: counts.get(status)! }));

  const productMap = new Map<
    string,
    { product: string; name: string; hosts: Set<string>; findings: number }
  >();
  for (const f of doc.findings) {
    const p = productMap.get(f.product) ?? {
      product: f.product,
      name: f.productName,
      hosts: new Set(),
      findings: 0,
    };
    p.hosts.add(f.host);
    p.findings++;
    productMap.set(f.product, p);
  }
  const products = [...productMap.values()]
    .map((p) => ({ product: p.product, name: p.name, hosts: p.hosts.size, findings: p.findings }))
    .sort((a, b) => b.hosts - a.hosts || byText(a.product, b.product));

  const deadlineMap = new Map<string, DeadlineView>();
  for (const f of doc.findings) {
    for (const a of f.assessments) {
      if (!a.deadline) continue;
      const key = `${a.deadline}\0${a.regime}`;
      const regime = regimes.regimes.find((r) => r.id === a.regime);
      const milestone = regime?.milestones.find((m) => m.id === a.milestone);
      const d = deadlineMap.get(key) ?? {
        date: a.deadline.slice(0, 10),
        instant: a.deadline,
        what: milestone?.label ?? a.status,
        regime: regime?.name ?? a.regime,
        findings: 0,
        passed: Date.parse(a.deadline.length === 10 ? `${a.deadline}T23:59:59Z` : a.deadline) <= asOf,
      };
      d.findings++;
      deadlineMap.set(key, d);
    }
  }
  const deadlines = [...deadlineMap.values()].sort(
    (a, b) => byText(a.instant, b.instant) || byText(a.regime, b.regime),
  );

  const usedRegimes = new Map<string, { citation: string; used: number }>();
  for (const f of doc.findings) {
    for (const a of f.assessments) {
      const u = usedRegimes.get(a.regime) ?? { citation: a.citation, used: 0 };
      u.used++;
      usedRegimes.set(a.regime, u);
    }
  }
  const regimeViews = regimes.regimes
    .filter((r) => usedRegimes.has(r.id))
    .map((r) => ({
      id: r.id,
      name: r.name,
      force: r.force,
      reaches: r.reaches,
      citation: usedRegimes.get(r.id)!.citation,
      used: usedRegimes.get(r.id)!.used,
    }));

  const gaps: CoverageGap[] = [];
  for (const i of doc.inputs) {
    if (i.format === "unknown")
      gaps.push({
        kind: "unreadable-input",
        text: `${i.file}: not a format offramp reads; nothing from it is in this report`,
      });
    else if (i.issues > 0)
      gaps.push({
        kind: "input-issues",
        text: `${i.file}: ${i.issues} bad record(s) skipped (listed under Issues)`,
      });
  }
  const networkOnly = doc.hosts.filter(isNetworkOnly);
  if (networkOnly.length > 0) {
    gaps.push({
      kind: "network-only",
      text: `${networkOnly.length} host(s) seen only in network logs, with no inventory: ${networkOnly
        .slice(0, 10)
        .map((h) => h.id)
        .join(", ")}${networkOnly.length > 10 ? " …" : ""}`,
    });
  }
  const platforms = [...new Set(doc.hosts.flatMap((h) => h.platforms))].sort();
  for (const p of ["windows", "windows-server", "macos", "linux", "android", "ios"]) {
    if (!platforms.includes(p))
      gaps.push({ kind: "no-inventory-platform", text: `no inventory names a ${p} host` });
  }
  const unassessed = doc.findings.filter((f) => f.assessments.length === 0).length;
  if (unassessed > 0) {
    gaps.push({
      kind: "unassessed",
      text: `${unassessed} finding(s) with no regime of the profile(s) ${doc.profile.join(", ")} in force on ${doc.asOf}`,
    });
  }

  return {
    doc,
    covered,
    hostsByStatus,
    products,
    hosts,
    deadlines,
    regimes: regimeViews,
    gaps,
    platforms,
    history,
  };
}

/** Platforms with findings, for the "what to do next" guidance. */
export function platformsWithFindings(view: ReportView): string[] {
  const out = new Set<string>();
  for (const h of view.hosts) for (const p of h.host.platforms) out.add(p);
  return [...out].sort();
}
