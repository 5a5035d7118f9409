import { byText } from "../match/order.js";
import type { MatchMode, Signature } from "../model/catalog.js";
import type { FieldName } from "../model/observation.js";
import { NORMALIZERS, words } from "./normalize.js";
import { compileSafeRegex } from "./safe-regex.js";

/** Observed values longer than this are cut before matching: bounds the work any rule can cause. */
export const MAX_MATCH_INPUT = 2048;

/** A field value prepared once per observation and shared by every rule on that field. */
export class FieldValue {
  readonly norm: string;
  private joined: string | undefined;
  constructor(
    readonly field: FieldName,
    readonly raw: string,
  ) {
    this.norm = NORMALIZERS[field](raw.length > MAX_MATCH_INPUT ? raw.slice(0, MAX_MATCH_INPUT) : raw);
  }
  /** Words joined by single spaces and framed by spaces: ` kaspersky endpoint security ` */
  get framedWords(): string {
    if (this.joined === undefined) this.joined = ` ${words(this.norm).join(" ")} `;
    return this.joined;
  }
}

type Test = (v: FieldValue) => boolean;

function globTest(pattern: string): Test {
  if (pattern.includes("?")) throw new Error(`glob "${pattern}": only * is supported`);
  const parts = pattern.split("*");
  const first = parts[0] ?? "";
  const last = parts[parts.length - 1] ?? "";
  if (parts.length === 1) return (v) => v.norm === pattern;
  const middle = parts.slice(1, -1).filter((p) => p.length > 0);
  return (v) => {
    const s = v.norm;
    if (s.length < first.length + last.length || !s.startsWith(first) || !s.endsWith(last)) return false;
    let at = first.length;
    const end = s.length - last.length;
    for (const part of middle) {
      const i = s.indexOf(part, at);
      if (i < 0 || i + part.length > end) return false;
      at = i + part.length;
    }
    return true;
  };
}

function valueTest(mode: MatchMode, field: FieldName, value: string): Test {
  if (mode === "regex") {
    const re = compileSafeRegex(value);
    return (v) => re.test(v.norm);
  }
  const norm = NORMALIZERS[field](value);
  switch (mode) {
    case "equals":
      return (v) => v.norm === norm;
    case "prefix":
      return (v) => v.norm.startsWith(norm);
    case "suffix":
      return (v) => v.norm.endsWith(norm);
    case "contains":
      return (v) => v.norm.includes(norm);
    case "words": {
      const framed = ` ${words(value).join(" ")} `;
      return (v) => v.framedWords.includes(framed);
    }
    case "starts-with-words": {
      const framed = ` ${words(value).join(" ")} `;
      return (v) => v.framedWords.startsWith(framed);
    }
    case "glob":
      return globTest(norm);
  }
}

/**
 * Words so common in software inventories that a pre-filter on them would let most records
 * through. Choosing another word of the same pattern as the needle keeps the filter sound (every
 * word of a pattern must be present for it to match) and makes it selective. Speed only: no
 * result depends on this list.
 */
const COMMON_WORDS = new Set([
  "agent",
  "analysis",
  "anti",
  "antivirus",
  "application",
  "attack",
  "authority",
  "center",
  "certificate",
  "certification",
  "check",
  "cloud",
  "com",
  "components",
  "connection",
  "console",
  "cybersecurity",
  "detection",
  "disk",
  "domino",
  "edition",
  "embedded",
  "endpoint",
  "engine",
  "enterprise",
  "exchange",
  "file",
  "files",
  "firewall",
  "for",
  "free",
  "gateway",
  "generation",
  "http",
  "hybrid",
  "industrial",
  "installedproducts",
  "intelligence",
  "internet",
  "kids",
  "lab",
  "labs",
  "library",
  "light",
  "linux",
  "lotus",
  "mac",
  "mail",
  "managed",
  "manager",
  "maven",
  "microsoft",
  "mobile",
  "monitoring",
  "network",
  "next",
  "office",
  "password",
  "personal",
  "pkg",
  "plus",
  "point",
  "premium",
  "products",
  "program",
  "protection",
  "proxy",
  "ransomware",
  "removal",
  "rescue",
  "response",
  "root",
  "safe",
  "secure",
  "security",
  "server",
  "servers",
  "service",
  "small",
  "software",
  "standard",
  "support",
  "system",
  "systems",
  "targeted",
  "threat",
  "tool",
  "total",
  "training",
  "unified",
  "update",
  "utility",
  "virtualization",
  "virus",
  "web",
  "windows",
  "workstations",
]);

/** Fields whose normalised value is a literal the raw value contains whole (case aside). */
const WHOLE_LITERAL = new Set<FieldName>([
  "service",
  "driver",
  "process",
  "package",
  "bundleId",
  "productCode",
  "extensionId",
]);

/** A literal the raw input must contain to match: the longest uncommon run of letters and digits. */
export function deriveNeedle(value: string, field?: FieldName, mode?: MatchMode): string {
  if (field && WHOLE_LITERAL.has(field)) {
    // a glob contributes its longest literal piece; other modes their whole normalised value
    const norm = NORMALIZERS[field](value);
    const whole =
      mode === "glob" ? norm.split("*").reduce((a, b) => (b.length > a.length ? b : a), "") : norm;
    if (whole.length >= 3) return whole;
  }
  const runs = value
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((r) => r.length > 0);
  const longest = (list: string[]) => list.reduce((best, r) => (r.length > best.length ? r : best), "");
  const uncommon = runs.filter((r) => !COMMON_WORDS.has(r) && r.length >= 3);
  return longest(uncommon.length > 0 ? uncommon : runs);
}

export interface CompiledValue {
  value: string;
  test: Test;
  /** How specific the rule is: longer matched patterns win over shorter ones on the same field. */
  specificity: number;
}

export interface CompiledSignature {
  signature: Signature;
  field: FieldName;
  values: CompiledValue[];
  unless: string[];
  needles: string[];
}

export function compileSignature(signature: Signature): CompiledSignature {
  const field = signature.on;
  const values = signature.values.map((value) => ({
    value,
    test: valueTest(signature.match, field, value),
    specificity: signature.match === "regex" ? value.length : NORMALIZERS[field](value).length,
  }));
  const needles =
    signature.needles?.map((n) => n.toLowerCase()) ??
    signature.values.map((v) => deriveNeedle(v, field, signature.match));
  if (needles.some((n) => n.length < 2)) {
    throw new Error(`signature ${signature.id}: cannot derive a literal of 2+ characters; give needles`);
  }
  return {
    signature,
    field,
    values,
    unless: (signature.unless ?? []).map((u) => NORMALIZERS[field](u)),
    needles,
  };
}

/** The first value of a signature that matches, or undefined. */
export function testSignature(sig: CompiledSignature, v: FieldValue): CompiledValue | undefined {
  for (const u of sig.unless) if (v.norm.includes(u)) return undefined;
  let best: CompiledValue | undefined;
  for (const cv of sig.values) {
    if (cv.test(v) && (!best || cv.specificity > best.specificity)) best = cv;
  }
  return best;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * One case-insensitive alternation of literals. Sound as a pre-filter because every needle is a
 * run of letters and digits that any matching raw value contains, whatever its case. A needle that
 * contains another adds nothing (the shorter one already lets its records through), so only the
 * minimal ones are kept: "kasperskytotalsecurity" goes, "kaspersky" stays.
 */
export function minimalNeedles(needles: Iterable<string>): string[] {
  const unique = [...new Set([...needles].map((n) => n.toLowerCase()))].sort(
    (a, b) => a.length - b.length || byText(a, b),
  );
  const minimal: string[] = [];
  for (const n of unique) if (!minimal.some((m) => n.includes(m))) minimal.push(n);
  return minimal.sort();
}

export function needleFilter(needles: Iterable<string>): RegExp {
  const minimal = minimalNeedles(needles);
  if (minimal.length === 0) return /(?!)/;
  // No `u` flag: it slows the scan, and non-Unicode `i` still folds Cyrillic case.
  return new RegExp(minimal.map(escapeRegex).join("|"), "i");
}
