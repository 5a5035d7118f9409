import { NORMALIZERS, normalizeText, words } from "../../catalog/normalize.js";
import type { FieldName } from "../../model/observation.js";
import type { InventoryRule } from "./plan.js";

/**
 * Engines that cannot normalise a column before comparing (SIEM queries, Sigma) test the raw value
 * as the log has it. This turns a catalogue value, written for offramp's normalised fields, into
 * tests on such a raw column: every test is case-insensitive, and together (OR) they match what the
 * normaliser would have matched, or say where they cannot.
 */

/** What the raw column holds, which decides the raw spellings of one normalised value. */
export type Shape =
  /** free text (names, publishers): case, quotes and runs of spaces folded by the normaliser */
  | "text"
  /** a file or folder path with either separator */
  | "path"
  /** a bare file name (FileName, a process name) */
  | "basename"
  /** a full image path, of which a process or driver name is the last part */
  | "image"
  /** registry keys spelled `HKEY_LOCAL_MACHINE\…` (Defender, osquery) */
  | "registry-long"
  /** registry keys spelled `HKLM\…` (Sysmon) */
  | "registry-short"
  /** a case-insensitive identifier (service, package, bundle id, extension id, product code, CPE) */
  | "id";

export type RawTest =
  | { op: "equals" | "prefix" | "suffix" | "contains"; text: string }
  /** whole value: first part at the start, last at the end, the others in order between */
  | { op: "glob"; parts: string[] }
  /** whole words in order, anywhere or at the start (`written`: the value as the catalogue has it) */
  | { op: "words"; words: string[]; start: boolean; written?: string }
  /** a regular expression (RE2, PCRE and JS-`u` compatible) over the raw value, case-insensitive */
  | { op: "regex"; source: string };

const EXTENSION: Partial<Record<FieldName, string>> = { process: ".exe", driver: ".sys" };

const HIVES: Record<string, { long: string; short: string }> = {
  hklm: { long: "HKEY_LOCAL_MACHINE", short: "HKLM" },
  hkcu: { long: "HKEY_CURRENT_USER", short: "HKCU" },
  hku: { long: "HKEY_USERS", short: "HKU" },
  hkcr: { long: "HKEY_CLASSES_ROOT", short: "HKCR" },
};

function uniqueCi(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = v.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Raw spellings of a registry key (hive folded to its short name): the hive as the engine writes it, and the 32-bit view
 * (`SOFTWARE\WOW6432Node\…`) the normaliser folds away.
 */
export function registryForms(key: string, shape: "registry-long" | "registry-short"): string[] {
  const cut = key.indexOf("\\");
  const hive = HIVES[(cut < 0 ? key : key.slice(0, cut)).toLowerCase()];
  if (!hive) return [key];
  const rest = cut < 0 ? "" : key.slice(cut);
  const spelled = (shape === "registry-long" ? hive.long : hive.short) + rest;
  const forms = [spelled];
  if (/^\\software(\\|$)/i.test(rest)) forms.push(spelled.replace(/^([^\\]+\\software)/i, "$1\\WOW6432Node"));
  return forms;
}

/** A catalogue regex over normalised keys, rewritten for raw keys: hive spellings and the 32-bit view. */
export function registryRegex(source: string): string {
  return source.replace(/^\^(hklm|hkcu|hku|hkcr)\\\\(software\\\\)?/, (_m, hive: string, sw?: string) => {
    const h = HIVES[hive]!;
    const head = `^(?:${h.short.toLowerCase()}|${h.long.toLowerCase()})\\\\`;
    return sw ? `${head}software\\\\(?:wow6432node\\\\)?` : head;
  });
}

/** A key as the catalogue writes it, with the hive and 32-bit view folded but its case kept (for display). */
function registryDisplay(value: string): string {
  const v = value
    .trim()
    .replace(/^\[|\]$/g, "")
    .replace(/\\+/g, "\\")
    .replace(/\\wow6432node(?=\\|$)/i, "")
    .replace(/\\$/, "");
  const m =
    /^(?:registry::)?(hkey_local_machine|hkey_current_user|hkey_users|hkey_classes_root|hklm|hkcu|hku|hkcr):?(?=\\|$)/i.exec(
      v,
    );
  if (!m) return v;
  const long = m[1]!.toUpperCase();
  const short = Object.entries(HIVES).find(([, h]) => h.long === long || h.short === long)?.[0] ?? long;
  return short + v.slice(m[0].length);
}

/** Raw spellings of one catalogue literal on a column of this shape (case kept for display). */
function literalForms(field: FieldName, shape: Shape, value: string, norm: string): string[] {
  const v = value.trim();
  if (shape === "text") return uniqueCi([v, norm]);
  if (shape === "path") return uniqueCi([v.replace(/\//g, "\\"), v.replace(/\\/g, "/")]);
  if (shape === "registry-long" || shape === "registry-short")
    return registryForms(registryDisplay(value), shape);
  if (field === "productCode") {
    const bare = v.replace(/^\{|\}$/g, "");
    return /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(bare) ? [bare, `{${bare}}`] : [bare];
  }
  if (field === "cpe" && norm.startsWith("cpe:2.3:")) return [v, `cpe:/${v.slice(8)}`];
  return [v];
}

/** A process or driver name: equal to the file name, with or without its extension, at the end of a path. */
function basenameTests(field: FieldName, shape: Shape, norm: string): RawTest[] {
  const ext = EXTENSION[field] ?? "";
  const names = uniqueCi([`${norm}${ext}`, norm]);
  if (shape !== "image") return names.map(equalsTest);
  return [
    ...names.map(equalsTest),
    ...names.flatMap((n) => [
      { op: "suffix" as const, text: `\\${n}` },
      { op: "suffix" as const, text: `/${n}` },
    ]),
  ];
}

function equalsTest(text: string): RawTest {
  return { op: "equals", text };
}

/** Raw tests for one value of a rule, on a column of the given shape. */
export function rawTests(
  rule: Pick<InventoryRule, "field" | "match">,
  value: string,
  shape: Shape,
): RawTest[] {
  const { field, match } = rule;
  if (match === "regex") {
    const isRegistry = shape === "registry-long" || shape === "registry-short";
    return [{ op: "regex", source: isRegistry ? registryRegex(value) : value }];
  }
  if (match === "words" || match === "starts-with-words")
    return [
      { op: "words", words: words(value), start: match === "starts-with-words", written: value.trim() },
    ];
  const norm = NORMALIZERS[field](value);
  if ((field === "process" || field === "driver") && match === "equals")
    return basenameTests(field, shape, norm);
  if (match === "glob")
    return literalForms(field, shape, value, norm).map(
      (f): RawTest => (f.includes("*") ? { op: "glob", parts: f.split("*") } : { op: "equals", text: f }),
    );
  return literalForms(field, shape, value, norm).map((text) => ({ op: match, text }));
}

/** Tests for a rule's `unless` values: contains-tests on the normalised field. */
export function unlessTests(rule: InventoryRule, shape: Shape): RawTest[] {
  return rule.unless.flatMap((u) =>
    literalForms(rule.field, shape, u, u).map((text) => ({ op: "contains" as const, text })),
  );
}

// ---- regular expressions -------------------------------------------------------------------------

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|]/g;

export function escapeRegex(literal: string): string {
  return literal.replace(REGEX_SYNTAX, "\\$&");
}

let foldChars: string[] | undefined;

/**
 * The characters the text normaliser turns into a space (quotes, ©®, every kind of space), found
 * by asking the normaliser itself, so the exports fold exactly what offramp folds.
 */
export function textFoldChars(): readonly string[] {
  if (foldChars) return foldChars;
  foldChars = [];
  for (let cp = 0x09; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCharCode(cp);
    if (normalizeText(`a${c}b`) === "a b") foldChars.push(c);
  }
  return foldChars;
}

/**
 * The fold characters as one regex class that RE2, PCRE and JS (`u`) read alike: spaces as `\p{Z}`
 * and control escapes, the visible rest spelled out. U+FEFF is left out rather than written invisibly.
 */
export function textFoldClass(): string {
  const controls: Record<string, string> = {
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
  };
  const rest = textFoldChars()
    .filter((c) => !/\p{Z}/u.test(c) && c !== "\ufeff")
    .map((c) => controls[c] ?? (/[\\\]^[-]/.test(c) ? `\\${c}` : c))
    .join("");
  return `[\\p{Z}${rest}]`;
}

/** A normalised text as a regex: its spaces stand for any run of folded characters. */
function textBody(text: string): string {
  const fold = textFoldClass();
  return normalizeText(text)
    .split(" ")
    .filter((w) => w.length > 0)
    .map(escapeRegex)
    .join(`${fold}+`);
}

const NOT_WORD = "[^\\p{L}\\p{N}]";

/** One raw test as a regex over the raw value (apply case-insensitively). */
export function testRegex(test: RawTest, shape: Shape): string {
  const text = shape === "text";
  const fold = textFoldClass();
  const lit = (s: string) => (text ? textBody(s) : escapeRegex(s));
  const open = text ? `^${fold}*` : "^";
  const close = text ? `${fold}*$` : "$";
  switch (test.op) {
    case "equals":
      return `${open}${lit(test.text)}${close}`;
    case "prefix":
      return `${open}${lit(test.text)}`;
    case "suffix":
      return `${lit(test.text)}${close}`;
    case "contains":
      return lit(test.text);
    case "glob": {
      // a part's edge spaces are kept: "security*for" must not become "security.*for" with no space
      const parts = test.parts.map((p) => (text ? globTextPart(p) : escapeRegex(p)));
      return `${open}${parts.join(".*")}${close}`;
    }
    case "words": {
      const body = test.words.map(escapeRegex).join(`${NOT_WORD}+`);
      return `${test.start ? `^${NOT_WORD}*` : `(?:^|${NOT_WORD})`}${body}(?:${NOT_WORD}|$)`;
    }
    case "regex":
      return test.source;
  }
}

function globTextPart(part: string): string {
  const fold = textFoldClass();
  const lead = /^\s/.test(part) ? `${fold}+` : "";
  const trail = /\s$/.test(part) && part.trim().length > 0 ? `${fold}+` : "";
  return part.trim().length === 0 ? (part.length > 0 ? `${fold}+` : "") : `${lead}${textBody(part)}${trail}`;
}

/** Every value of a rule as one regex over a raw column (apply case-insensitively). */
export function valuesRegex(rule: Pick<InventoryRule, "field" | "match" | "values">, shape: Shape): string {
  const parts = [
    ...new Set(rule.values.flatMap((v) => rawTests(rule, v, shape).map((t) => testRegex(t, shape)))),
  ];
  return parts.length === 1 ? parts[0]! : parts.map((p) => `(?:${p})`).join("|");
}

/** The tests that silence a rule on this value: its `unless` contains-tests and its exclusions. */
export function silencers(
  rule: InventoryRule,
  shape: Shape,
): { id: string; regex: string; tests: RawTest[] }[] {
  const out: { id: string; regex: string; tests: RawTest[] }[] = [];
  const unless = unlessTests(rule, shape);
  if (unless.length > 0)
    out.push({
      id: "unless",
      regex: unless.map((t) => `(?:${testRegex(t, shape)})`).join("|"),
      tests: unless,
    });
  for (const e of rule.exclusions) {
    const tests = e.values.flatMap((v) => rawTests(e, v, shape));
    out.push({ id: e.id, regex: valuesRegex(e, shape), tests });
  }
  return out;
}
