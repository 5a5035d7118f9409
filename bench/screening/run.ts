/**
 * Screening benchmark. Prints, for the fixed production thresholds in src/screen/bands.ts:
 * - P/R/F1 on the seeded test halves of the OpenSanctions name benchmark (organisations, and all)
 *   and the Cascade pairs (companies, and all), beside the anchors scored on the same rows
 *   (logic-v2's frozen run at its 0.70 threshold; Watchman at its best threshold on the dev half);
 * - the Kaspersky set (bench/screening/kaspersky-set.csv) screened against CSL + SDN + catalogue;
 * - recall@5 of perturbed CSL/SDN entity names, alerts on negative queries;
 * - p50/p95 time per query and list load time from the cache.
 *
 *   npx tsx bench/screening/run.ts [--choose] [--quick]
 *
 * `--choose` prints the thresholds the dev halves suggest by cross-validation (how bands.ts was set).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalog } from "../../src/catalog/load.js";
import { bandOf, bandRank, THRESHOLDS } from "../../src/screen/bands.js";
import { familyRuleFromCatalog } from "../../src/screen/family-rule.js";
import { updateLists } from "../../src/screen/lists/cache.js";
import { partiesFromEntities } from "../../src/screen/lists/catalog-entities.js";
import { loadLists } from "../../src/screen/lists/load-lists.js";
import type { ListParty } from "../../src/screen/lists/party.js";
import { readListFiles } from "../../src/screen/lists/read-list.js";
import { splitName } from "../../src/screen/normalize/annotations.js";
import { scorePair } from "../../src/screen/pairs.js";
import { Screener } from "../../src/screen/screener.js";
import { chooseByFolds, crossValidate, f2, foldCurves, pairKey, peak } from "./cv.js";
import {
  bestThreshold,
  cascadePairs,
  csvObjects,
  HERE,
  nomenklaturaPairs,
  type Pair,
  prf,
  seeded,
  sharedPath,
  split,
} from "./data.js";
import { legalFormVariant, reorder, toCyrillic, typo } from "./perturb.js";

const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

function scorePairs(pairs: Pair[]): (Pair & { score: number; key: string })[] {
  return pairs.map((p) => ({ ...p, score: scorePair(p.left, p.right).score, key: pairKey(p.left, p.right) }));
}

function pairSection(): void {
  console.log("\n## Name pairs (test half, seed 42)\n");
  console.log(`thresholds: match ≥ ${THRESHOLDS.match}, review ≥ ${THRESHOLDS.review}\n`);
  console.log(
    "| set | n | P@match | R@match | F1@match | P@review | R@review | F1@review | anchor | anchor F1 (same rows) |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  const sets: [string, Pair[], string][] = [
    ["nk-orgs", nomenklaturaPairs(true), "logic-v2 @0.70"],
    ["nk-all", nomenklaturaPairs(false), "logic-v2 @0.70"],
    ["cascade-company", cascadePairs(true), "Watchman @dev-best"],
    ["cascade-all", cascadePairs(false), "Watchman @dev-best"],
  ];
  const devScored: Record<string, (Pair & { score: number })[]> = {};
  for (const [name, pairs, anchorName] of sets) {
    if (pairs.length === 0) continue;
    const { dev, test } = split(pairs);
    const scored = scorePairs(test);
    devScored[name] = scorePairs(dev);
    const m = prf(scored, THRESHOLDS.match);
    const r = prf(scored, THRESHOLDS.review);
    let anchor = "";
    const withAnchor = scored.filter((s) => s.anchor !== undefined);
    if (withAnchor.length > 0) {
      const t = anchorName.startsWith("logic")
        ? 0.7
        : bestThreshold(
            dev.filter((d) => d.anchor !== undefined).map((d) => ({ score: d.anchor!, match: d.match })),
            0.1,
          ).t;
      const a = prf(
        withAnchor.map((s) => ({ score: s.anchor!, match: s.match })),
        t,
      );
      const oursR = prf(withAnchor, THRESHOLDS.review);
      const oursM = prf(withAnchor, THRESHOLDS.match);
      anchor = `${f3(a.f1)} (n ${withAnchor.length}, t ${t}); ours on these rows ${f3(oursR.f1)} @review, ${f3(oursM.f1)} @match`;
    }
    console.log(
      `| ${name} | ${m.n} | ${f3(m.p)} | ${f3(m.r)} | **${f3(m.f1)}** | ${f3(r.p)} | ${f3(r.r)} | ${f3(r.f1)} | ${anchorName} | ${anchor} |`,
    );
  }
  const cascadeTest = scorePairs(split(cascadePairs(false)).test);
  const cats = new Map<string, { ok: number; n: number }>();
  for (const s of cascadeTest) {
    const c = cats.get(s.category) ?? { ok: 0, n: 0 };
    c.n++;
    if (s.score >= THRESHOLDS.match === s.match) c.ok++;
    cats.set(s.category, c);
  }
  const wrong = [...cats.entries()].filter(([, v]) => v.ok < v.n).map(([k, v]) => `${k} ${v.ok}/${v.n}`);
  console.log(`\nCascade test categories not fully right at the match threshold: ${wrong.join(", ")}`);
  if (args.has("--choose")) chooseThresholds(devScored);
}

/**
 * How bands.ts was set, on the dev halves only, by cross-validation inside them (cv.ts): each dev
 * half is cut into 5 stratified folds (4 seeded repeats; a pair listed twice stays in one fold), and
 * a threshold is judged by the mean over folds of its held-out metric, averaged over ±0.02 so that a
 * plateau beats a spike a few rows make. `match` is where the mean F1 of nk-orgs and
 * cascade-company peaks, raised if needed above every Kaspersky near miss; `review` is where their
 * recall-weighted F2 peaks below `match`, with at most 5 % of the Kaspersky near misses reaching
 * it (scored against the catalogue entities alone), and among thresholds the folds cannot tell
 * from that peak (within one standard error) the lowest: the review band is there for recall.
 */
function chooseThresholds(
  devScored: Record<string, { score: number; match: boolean; key?: string }[]>,
): void {
  const pool = [devScored["nk-orgs"] ?? [], devScored["cascade-company"] ?? []];
  const catalog = loadCatalog();
  const entityNames = partiesFromEntities(catalog.entities, catalog.vendor.name).flatMap((p) =>
    p.names.map((n) => n.name),
  );
  const near = csvObjects(join(HERE, "kaspersky-set.csv"))
    .filter((r) => r.label === "near-miss")
    .map((r) => Math.max(...entityNames.map((e) => scorePair(r.name!, e).score)));
  const margin = 0.02;
  const f1Curves = foldCurves(pool, (x) => x.f1, { margin });
  const match = chooseByFolds(f1Curves, { allowed: (t) => near.every((s) => s < t) });
  const plain = chooseByFolds(f1Curves);
  if (plain.t !== match.t)
    console.log(`\nmatch raised from ${plain.t} to ${match.t} so that no Kaspersky near miss reaches it`);
  const review = chooseByFolds(foldCurves(pool, f2, { margin }), {
    allowed: (t) => t < match.t && near.filter((s) => s >= t).length <= 0.05 * near.length,
    tiesTo: "lowest",
  });
  const cv = crossValidate(pool, {
    choose: (train) =>
      peak(train, (x) => x.f1, { smooth: margin, allowed: (t) => near.every((s) => s < t) }).t,
    margin,
  });
  console.log(
    `\ndev halves, 5-fold CV × 4 repeats: match ≥ ${match.t} (mean held-out F1 ${f3(match.mean)}); review ≥ ${review.t} (mean held-out F2 ${f3(review.mean)}; peak at ${review.best}, tied: ${review.tied.join(", ")})`,
  );
  console.log(
    `nested estimate (threshold chosen on each fold's training part): held-out F1 nk-orgs ${f3(cv.f1[0]!)}, cascade-company ${f3(cv.f1[1]!)}; thresholds chosen ${[...new Set(cv.thresholds)].sort().join(", ")}`,
  );
}

function buildParties(): { parties: ListParty[]; listParties: ListParty[] } {
  const files = [
    sharedPath("csl", "csl-consolidated-2023-11-30-partial.csv"),
    sharedPath("ofac", "sdn-2024-05-03.csv"),
  ].filter((f): f is string => !!f);
  const catalog = loadCatalog();
  const snap = readListFiles(files);
  return {
    parties: [...partiesFromEntities(catalog.entities, catalog.vendor.name), ...snap.parties],
    listParties: snap.parties,
  };
}

function kasperskySection(screener: Screener): void {
  console.log("\n## Kaspersky set against CSL (2023 partial) + SDN (2024-05) + catalogue entities\n");
  const rows = csvObjects(join(HERE, "kaspersky-set.csv"));
  // The Kaspersky verdict of a row: its best hit on a catalogue (Kaspersky) entity, raised to review by
  // the family rule. Hits on other listed parties ("Jasper Group" → SDN "JASPER") are counted apart.
  const out = { variant: { match: 0, review: 0, none: 0 }, "near-miss": { match: 0, review: 0, none: 0 } };
  let otherHits = 0;
  const misses: string[] = [];
  for (const r of rows) {
    const res = screener.screen({ name: r.name! });
    const label = r.label as "variant" | "near-miss";
    const own = res.hits.filter((h) => h.party.sourceCode === "OFFRAMP");
    let band = own[0]?.band ?? "none";
    if (res.family && band === "none") band = "review";
    out[label][band]++;
    if (label === "near-miss" && res.hits.some((h) => h.party.sourceCode !== "OFFRAMP")) otherHits++;
    if ((label === "variant" && band === "none") || (label === "near-miss" && band !== "none")) {
      misses.push(
        `  ${label} ${band} ${own[0]?.score ?? res.score} ${r.name} → ${own[0]?.listName ?? (res.family ? "family rule" : "")}`,
      );
    }
  }
  const v = out.variant;
  const n = out["near-miss"];
  const vn = v.match + v.review + v.none;
  const nn = n.match + n.review + n.none;
  console.log(
    `variants: ${vn}; at least review ${v.match + v.review} (${pct((v.match + v.review) / vn)}), match ${v.match}, review ${v.review}, none ${v.none}  (aim 100 %)`,
  );
  console.log(
    `near misses: ${nn}; Kaspersky match ${n.match} (aim 0), Kaspersky review ${n.review} (${pct(n.review / nn)}, aim ≤ 5 %), none ${n.none}`,
  );
  console.log(`near misses that hit another listed party (e.g. SDN "JASPER"): ${otherHits}`);
  if (misses.length > 0) console.log(misses.join("\n"));
}

function entityQueries(listParties: ListParty[], count: number): ListParty[] {
  const pool = listParties.filter(
    (p) =>
      (p.sourceCode === "EL" || p.sourceCode === "SDN" || p.sourceCode === "SSI") &&
      (!p.type || p.type === "Entity") &&
      (p.names[0]?.name.length ?? 0) >= 8,
  );
  const rnd = seeded(7);
  const out: ListParty[] = [];
  const seen = new Set<number>();
  while (out.length < Math.min(count, pool.length)) {
    const i = Math.floor(rnd() * pool.length);
    if (seen.has(i)) continue;
    seen.add(i);
    out.push(pool[i]!);
  }
  return out;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

function retrievalSection(screener: Screener, listParties: ListParty[], label: string): number[] {
  console.log(
    `\n## Retrieval and speed: ${label} (${screener.parties.length} parties, ${screener.index.size} names)\n`,
  );
  const targets = entityQueries(listParties, quick ? 100 : 400);
  // Cyrillic spellings only make sense for names romanised from Russian (not English translations):
  // parties in RU/BY whose name carries a Russian legal form; the primary name without its a.k.a.
  const russian = entityQueries(
    listParties
      .filter((p) => p.countries.some((c) => c === "RU" || c === "BY"))
      .map((p) => ({
        ...p,
        names: [{ name: splitName(p.names[0]!.name).primary, kind: "primary" }, ...p.names.slice(1)],
      }))
      .filter((p) => /\b(OOO|OAO|ZAO|PAO|AO|OBSHCHESTVO|AKTSIONERNOE)\b/i.test(p.names[0]!.name)),
    quick ? 100 : 400,
  );
  const rnd = seeded(99);
  const kinds: [string, (n: string) => string][] = [
    ["exact", (n) => n],
    ["legal form swapped/dropped", (n) => legalFormVariant(n, rnd)],
    ["one typo", (n) => typo(n, rnd, 1)],
    ["two typos", (n) => typo(n, rnd, 2)],
    ["word order", (n) => reorder(n)],
    ["extra word", (n) => `${n} Trading`],
    ["Cyrillic (RU/BY parties)", (n) => toCyrillic(n)],
  ];
  const times: number[] = [];
  const cpu: number[] = [];
  // Warm-up on other names (JIT, the lazily built typo index): a service screens many rows in a run.
  for (const p of listParties.slice(0, 200)) screener.screen({ name: `${p.names[0]!.name} X` });
  const timed = (q: string) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = screener.screen({ name: q });
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    return r;
  };
  console.log("| perturbation | queries | recall@5 (≥ review) | recall@1 |");
  console.log("|---|---|---|---|");
  for (const [kind, f] of kinds) {
    let at5 = 0;
    let at1 = 0;
    const set = kind.startsWith("Cyrillic") ? russian : targets;
    for (const p of set) {
      const r = timed(f(p.names[0]!.name));
      const keys = r.hits.slice(0, 5).map((h) => h.party.key);
      if (keys.includes(p.key)) at5++;
      if (
        keys[0] === p.key ||
        (r.hits[0] && r.hits[0].score === r.hits.find((h) => h.party.key === p.key)?.score)
      )
        at1++;
    }
    console.log(`| ${kind} | ${set.length} | ${pct(at5 / set.length)} | ${pct(at1 / set.length)} |`);
  }
  const negatives = new Set<string>();
  for (const p of cascadePairs(false)) {
    if (!p.match) {
      negatives.add(p.left);
      negatives.add(p.right);
    }
  }
  for (const r of csvObjects(join(HERE, "kaspersky-set.csv")))
    if (r.label === "near-miss") negatives.add(r.name!);
  let alerts = 0;
  for (const q of negatives) {
    const r = timed(q);
    if (bandRank(r.band) >= bandRank("review")) alerts++;
  }
  console.log(
    `\nnegative queries (Cascade non-match names, Kaspersky near misses): ${negatives.size}, alerts ${alerts} (${((alerts / negatives.size) * 1000).toFixed(0)} per 1,000)`,
  );
  console.log(
    `time per query over ${times.length} queries (after 200 warm-up queries): wall p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms (aim p95 < 5 ms), p99 ${percentile(times, 99).toFixed(2)} ms; process CPU (every thread, GC helpers included; the kernel accounts other threads in ticks, so single queries read coarse) p50 ${percentile(cpu, 50).toFixed(2)} ms, p95 ${percentile(cpu, 95).toFixed(2)} ms, mean ${(cpu.reduce((a, b) => a + b, 0) / cpu.length).toFixed(2)} ms; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
  );
  return times;
}

/** Synthetic parties recombining real list words, to measure speed at the size of the live lists (~30 k). */
function padParties(listParties: ListParty[], target: number): ListParty[] {
  const words = [
    ...new Set(
      listParties
        .flatMap((p) => (p.names[0]?.name ?? "").split(/\s+/))
        .filter((w) => /^[A-Za-z]{4,}$/.test(w)),
    ),
  ];
  const forms = ["LLC", "Ltd", "JSC", "OOO", "Co., Ltd.", "GmbH", ""];
  const rnd = seeded(5);
  const out: ListParty[] = [];
  for (let i = 0; listParties.length + out.length < target; i++) {
    const n = 2 + Math.floor(rnd() * 2);
    const name = [...Array(n)].map(() => words[Math.floor(rnd() * words.length)]).join(" ");
    out.push({
      key: `PAD:${i}`,
      id: String(i),
      source: "synthetic",
      sourceCode: "PAD",
      names: [{ name: `${name} ${forms[Math.floor(rnd() * forms.length)]}`.trim(), kind: "primary" }],
      addresses: [],
      countries: [],
      ids: [],
      websites: [],
      programs: [],
      origin: { file: "synthetic", record: i + 1 },
    });
  }
  return out;
}

async function loadSection(): Promise<void> {
  console.log("\n## List load from the cache\n");
  const csv = sharedPath("csl", "csl-consolidated-2023-11-30-partial.csv");
  const sdn = sharedPath("ofac", "sdn-2024-05-03.csv");
  if (!csv || !sdn) return;
  const dir = mkdtempSync(join(tmpdir(), "offramp-lists-"));
  const files: Record<string, string> = { "http://local/consolidated.csv": csv, "http://local/sdn.csv": sdn };
  const fakeFetch = (async (url: string) =>
    new Response(readFileSync(files[url]!))) as unknown as typeof fetch;
  const t0 = performance.now();
  const up = await updateLists({
    dir,
    sources: { csl: "http://local/consolidated.csv", sdn: "http://local/sdn.csv" },
    fetch: fakeFetch,
  });
  console.log(
    `lists update (local files): ${up.status}, ${up.message}, ${(performance.now() - t0).toFixed(0)} ms`,
  );
  const catalog = loadCatalog();
  const runs: { load: number; index: number; cpu: number }[] = [];
  for (let k = 0; k < 3; k++) {
    const c0 = process.cpuUsage();
    const t1 = performance.now();
    const lists = loadLists({ cacheDir: dir, catalog });
    const t2 = performance.now();
    new Screener(lists.parties, { familyRule: familyRuleFromCatalog(catalog) });
    const c = process.cpuUsage(c0);
    runs.push({ load: t2 - t1, index: performance.now() - t2, cpu: (c.user + c.system) / 1000 });
  }
  runs.sort((a, b) => a.load + a.index - (b.load + b.index));
  const m = runs[1]!;
  console.log(
    `load from cache (median of 3): read ${m.load.toFixed(0)} ms + index ${m.index.toFixed(0)} ms = ${(m.load + m.index).toFixed(0)} ms wall, ${m.cpu.toFixed(0)} ms CPU (aim < 1 s); load average ${loadavg()[0]!.toFixed(1)}`,
  );
  rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  pairSection();
  const { parties, listParties } = buildParties();
  const catalog = loadCatalog();
  const screener = new Screener(parties, { familyRule: familyRuleFromCatalog(catalog) });
  kasperskySection(screener);
  retrievalSection(screener, listParties, "real lists");
  if (!quick) {
    const padded = [...parties, ...padParties(listParties, 30_000)];
    retrievalSection(
      new Screener(padded, { familyRule: familyRuleFromCatalog(catalog) }),
      listParties,
      "padded to 30,000 parties",
    );
  }
  await loadSection();
  void bandOf;
}

await main();
