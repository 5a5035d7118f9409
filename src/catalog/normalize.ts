import type { FieldName } from "../model/observation.js";

/**
 * Field normalisers. Signatures and observed values go through the same function, so a rule is
 * written once in its natural spelling ("Kaspersky Endpoint Security", `klif.sys`, `{GUID}`).
 */

const QUOTES = /[«»"“”„‟'’‘‚`´®™©]/g;
const SPACES = /\s+/g;
const NON_WORD = /[^\p{L}\p{N}]+/u;

export function normalizeText(value: string): string {
  return value.normalize("NFKC").toLowerCase().replace(QUOTES, " ").replace(SPACES, " ").trim();
}

/** Words of a normalised text: letters and digits of any script, everything else separates. */
export function words(value: string): string[] {
  return normalizeText(value)
    .split(NON_WORD)
    .filter((w) => w.length > 0);
}

export function normalizePath(value: string): string {
  return value.normalize("NFKC").toLowerCase().replace(/\\+/g, "/").replace(/\/+/g, "/").trim();
}

const HIVES: [RegExp, string][] = [
  [/^(registry::)?hkey_local_machine\b:?/, "hklm"],
  [/^(registry::)?hkey_current_user\b:?/, "hkcu"],
  [/^(registry::)?hkey_users\b:?/, "hku"],
  [/^(registry::)?hkey_classes_root\b:?/, "hkcr"],
  [/^(hklm|hkcu|hku|hkcr):/, "$1"],
];

/** Hive names shortened, 32-bit view folded onto the 64-bit one, numbered control sets made current. */
export function normalizeRegistry(value: string): string {
  let v = value
    .trim()
    .replace(/^\[|\]$/g, "")
    .toLowerCase()
    .replace(/\\+/g, "\\");
  for (const [re, to] of HIVES) v = v.replace(re, to);
  return v
    .replace(/\\wow6432node(?=\\|$)/g, "")
    .replace(/\\controlset00\d(?=\\|$)/g, "\\currentcontrolset")
    .replace(/\\$/, "");
}

function basename(value: string): string {
  const parts = value.trim().replace(/^"|"$/g, "").split(/[\\/]/);
  return (parts[parts.length - 1] ?? "").toLowerCase();
}

export function normalizeProcess(value: string): string {
  return basename(value).replace(/\.exe$/, "");
}

export function normalizeDriver(value: string): string {
  return basename(value).replace(/\.sys$/, "");
}

export function normalizeId(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^\{|\}$/g, "");
}

/** CPE 2.2 URIs (`cpe:/a:v:p`) are rewritten in 2.3 form so one rule covers both. */
export function normalizeCpe(value: string): string {
  const v = value.trim().toLowerCase();
  return v.startsWith("cpe:/") ? `cpe:2.3:${v.slice(5)}` : v;
}

/** Package URLs compared without version, qualifiers and subpath. */
export function normalizePurl(value: string): string {
  let v = value.trim();
  try {
    v = decodeURIComponent(v);
  } catch {
    // keep the raw value: a malformed escape is not a reason to lose the record
  }
  return v.toLowerCase().replace(/[@?#].*$/, "");
}

const WIRE_LABEL = /\((\d{1,2})\)/g;

/**
 * A DNS name as matched: lower-case (ASCII only, so punycode stays punycode), one trailing dot
 * dropped, and the Windows DNS debug-log wire notation `(7)example(3)com(0)` decoded to labels.
 */
export function normalizeDomain(value: string): string {
  let v = value.trim();
  if (v.startsWith("(") && /^(\(\d{1,2}\)[^()]*)+$/.test(v)) {
    v = v.replace(WIRE_LABEL, ".").replace(/^\.|\.$/g, "");
  }
  v = v.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  return v.endsWith(".") ? v.slice(0, -1) : v;
}

export const NORMALIZERS: Record<FieldName, (value: string) => string> = {
  name: normalizeText,
  publisher: normalizeText,
  version: (v) => v.trim().toLowerCase(),
  path: normalizePath,
  service: (v) => v.trim().toLowerCase(),
  driver: normalizeDriver,
  process: normalizeProcess,
  registry: normalizeRegistry,
  productCode: normalizeId,
  bundleId: normalizeId,
  package: normalizeId,
  extensionId: normalizeId,
  certificate: normalizeText,
  cpe: normalizeCpe,
  purl: normalizePurl,
  text: normalizeText,
  installDate: (v) => v.trim(),
  domain: normalizeDomain,
  dstIp: (v) => v.trim().toLowerCase(),
  dstPort: (v) => v.trim(),
  proto: (v) => v.trim().toLowerCase(),
  resolver: (v) => v.trim().toLowerCase(),
  issuer: normalizeText,
};
