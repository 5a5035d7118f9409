/**
 * The analysed names of the cached parties, stored next to them (`names.json`) so that loading the
 * cache skips the name analysis (folding, romanisation, legal forms, symbols, typo-tolerant table
 * lookups), which is most of the time it takes to build the candidate index.
 *
 * The file carries a fingerprint of the analyser: the analysis of a fixed set of probe names. When
 * the code or the tables change what a name becomes, the fingerprint no longer matches and the
 * file is ignored (and rewritten on the next load), so a stale analysis is never used.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FormScheme, NameForm, Token } from "../normalize/analyze.js";
import type { LegalFormInfo } from "../normalize/name-tables.js";
import { analyseWrittenName } from "../normalize/written-name.js";
import type { ListParty } from "./party.js";

/** One analysed name part, as the candidate index takes it. */
export interface PreparedName {
  name: string;
  how: string;
  written: string;
  forms: NameForm[];
}

const FORMAT = 1;
const FILE = "names.json";

/** Names that exercise every step of the analysis: scripts, legal forms, symbols, numbers, typos. */
const PROBES = [
  "AO Kaspersky Lab",
  "Лаборатория Касперского",
  "ООО «Касперский Груп» (a.k.a. Kaspersky Group LLC)",
  "Kaspersky Labs Limited",
  "JOINT STOCK COMPANY RESEARCH AND PRODUTCION ASSOCIATION TRANSCOM",
  "WHITELEAVE HOLDINGS LIMITTED",
  "GEFESD LTD Trading",
  "Golden Lotus Investment No. 3 Ltd",
  "Bank of China (Hong Kong) Limited",
  "Przeds. Handl. Lipowa Dolina Sp. z o.o.",
  "Ծատուրյան Շին ՍՊԸ",
  "Публичное акционерное общество «Сбербанк России»",
  "Islamic Revolutionary Guard Corps (IRGC)",
  "3%ers Twenty-First Century Fox & Co., Inc.",
  "Mitsubishi UFJ Trust and Banking Corporation",
  "Exxon Mobil Corp",
  "Amazon.com, Inc.",
];

let fingerprint: string | undefined;

/** A hash of what the analyser makes of the probe names. */
export function analyserFingerprint(): string {
  if (!fingerprint) {
    const h = createHash("sha256");
    h.update(String(FORMAT));
    for (const p of PROBES) h.update(JSON.stringify(analyseWrittenName(p)));
    fingerprint = h.digest("hex").slice(0, 16);
  }
  return fingerprint;
}

/** The analysed names of one party, as the candidate index would compute them. */
export function analyseParty(party: ListParty): PreparedName[] {
  const out: PreparedName[] = [];
  for (const n of party.names) {
    for (const part of analyseWrittenName(n.name).parts) {
      out.push({
        name: part.name,
        how: part.how === "primary" ? n.kind : part.how,
        written: n.name,
        forms: part.forms,
      });
    }
  }
  return out;
}

// ---- compact form on disk ----

type TokenRow = [
  text: string,
  surface: string | 0,
  kind: 0 | 1 | 2,
  weight: number,
  distinctive: 0 | 1,
  skeleton: string | 0,
  symbols: number | -1,
  ending: string | 0,
  place: string | 0,
];
type FormRow = [scheme: FormScheme, tokens: TokenRow[], legalForms: number[], full: string];
type NameRow = [name: string, how: string, written: string | 0, forms: FormRow[]];

interface File {
  format: number;
  fingerprint: string;
  parties: number;
  /** Party keys in order, to check the file belongs to the parties it is read with. */
  keys: string[];
  legalForms: [string, string, string | null][];
  symbols: string[][];
  names: NameRow[][];
}

const KINDS: Token["kind"][] = ["word", "number", "stop"];

class Interner<T> {
  readonly items: T[] = [];
  private readonly ids = new Map<string, number>();
  id(item: T, key: string): number {
    let i = this.ids.get(key);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(item);
      this.ids.set(key, i);
    }
    return i;
  }
}

function encode(parties: ListParty[], prepared: PreparedName[][]): File {
  const lf = new Interner<[string, string, string | null]>();
  const sym = new Interner<string[]>();
  const names = prepared.map((list) =>
    list.map(
      (n): NameRow => [
        n.name,
        n.how,
        n.written === n.name ? 0 : n.written,
        n.forms.map(
          (f): FormRow => [
            f.scheme,
            f.tokens.map(
              (t): TokenRow => [
                t.text,
                t.surface === t.text ? 0 : t.surface,
                KINDS.indexOf(t.kind) as 0 | 1 | 2,
                t.weight,
                t.distinctive ? 1 : 0,
                t.skeleton === t.text ? 0 : t.skeleton,
                t.symbols ? sym.id([...t.symbols], t.symbols.join("\u0000")) : -1,
                t.ending ?? 0,
                t.place ?? 0,
              ],
            ),
            f.legalForms.map((l) => lf.id([l.alias, l.compare, l.generic], `${l.alias}\u0000${l.compare}`)),
            f.full,
          ],
        ),
      ],
    ),
  );
  return {
    format: FORMAT,
    fingerprint: analyserFingerprint(),
    parties: parties.length,
    keys: parties.map((p) => p.key),
    legalForms: lf.items,
    symbols: sym.items,
    names,
  };
}

function decode(file: File): PreparedName[][] {
  const legalForms: LegalFormInfo[] = file.legalForms.map(([alias, compare, generic]) => ({
    alias,
    compare,
    generic,
  }));
  return file.names.map((list) =>
    list.map(([name, how, written, forms]) => ({
      name,
      how,
      written: written === 0 ? name : written,
      forms: forms.map(([scheme, rows, lfs, full]): NameForm => {
        const tokens = rows.map(
          ([text, surface, kind, weight, distinctive, skel, symbols, ending, place]) => {
            const t: Token = {
              text,
              surface: surface === 0 ? text : surface,
              kind: KINDS[kind]!,
              skeleton: skel === 0 ? text : skel,
              weight,
              distinctive: distinctive === 1,
            };
            if (place !== 0) t.place = place;
            if (symbols >= 0) {
              t.symbol = file.symbols[symbols]![0]!;
              t.symbols = file.symbols[symbols]!;
            }
            if (ending !== 0) t.ending = ending;
            return t;
          },
        );
        const texts = tokens.map((t) => t.text);
        return {
          scheme,
          tokens,
          legalForms: lfs.map((i) => legalForms[i]!),
          key: texts.join(" "),
          joined: texts.join(""),
          full,
        };
      }),
    })),
  );
}

// ---- attaching to parties ----

const attached = new WeakMap<ListParty, PreparedName[]>();

/** The stored analysis of a party's names, when it was loaded with the cache. */
export function preparedNamesOf(party: ListParty): PreparedName[] | undefined {
  return attached.get(party);
}

/** Writes the analysed names of `parties` into the cache directory (atomically). */
export function writePreparedNames(dir: string, parties: ListParty[]): PreparedName[][] {
  const prepared = parties.map(analyseParty);
  const tmp = join(dir, `${FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(encode(parties, prepared)));
  renameSync(tmp, join(dir, FILE));
  return prepared;
}

/**
 * Attaches the stored analysis to the cached parties it was made for. When the file is missing,
 * belongs to other parties or to another analyser, the names are analysed again and the file is
 * rewritten (best effort: a read-only cache only costs time).
 */
export function attachPreparedNames(dir: string, parties: ListParty[]): "stored" | "rebuilt" {
  const path = join(dir, FILE);
  let prepared: PreparedName[][] | undefined;
  if (existsSync(path)) {
    try {
      const file = JSON.parse(readFileSync(path, "utf8")) as File;
      if (
        file.format === FORMAT &&
        file.fingerprint === analyserFingerprint() &&
        file.parties === parties.length &&
        file.keys.every((k, i) => parties[i]!.key === k)
      )
        prepared = decode(file);
    } catch {
      prepared = undefined;
    }
  }
  const status = prepared ? "stored" : "rebuilt";
  if (!prepared) {
    try {
      prepared = writePreparedNames(dir, parties);
    } catch {
      prepared = parties.map(analyseParty);
    }
  }
  parties.forEach((p, i) => {
    attached.set(p, prepared![i]!);
  });
  return status;
}
