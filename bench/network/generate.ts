/**
 * Writes a synthetic Zeek dns.log for the network benchmark (the design of the team's
 * perf-baselines generator): the 24 real dns.log columns, ~208 bytes a line, popular names with
 * common prefixes (~55 %) and random CDN, PTR, telemetry, corporate and DGA-like names, ~0.1 %
 * Kaspersky names taken from the catalogue's host rules (DNS 0x20 mixed case, upper case, trailing
 * dots, deep names), ~0.05 % look-alike decoys that must not match, and Kaspersky names that occur
 * only in the answers column (not hits: matching is on the query). Deterministic (seeded).
 *
 *   npx tsx bench/network/generate.ts OUT.log [LINES=10000000]
 * Prints JSON with the planted hit count (what a correct matcher must count).
 */
import { createWriteStream } from "node:fs";
import { loadCatalog } from "../../src/catalog/load.js";

const out = process.argv[2];
const lines = Number(process.argv[3] ?? 10_000_000);
if (!out) throw new Error("usage: generate.ts OUT.log [LINES]");

let seed = 42;
function rnd(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
const chars = (alphabet: string, n: number) => {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
  return s;
};
const AL = "abcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";

// --- Kaspersky names from the catalogue: each rule's names, sub-names of suffix rules, case games
const catalog = loadCatalog();
const hitNames: string[] = [];
for (const rule of catalog.network.hosts) {
  for (const host of rule.hosts) {
    hitNames.push(host);
    if (rule.match === "suffix") hitNames.push(`s${int(0, 19)}.${host}`, `a.b.c.${host}`);
  }
}
const mangle = (name: string): string => {
  const k = rnd();
  if (k < 0.15) return name.toUpperCase();
  if (k < 0.35) return [...name].map((c) => (rnd() < 0.5 ? c.toUpperCase() : c)).join("");
  if (k < 0.45) return `${name}.`;
  return name;
};
const DECOYS = [
  "kaspersky.com.evil.net",
  "notkaspersky.com",
  "kaspersky-labs.co",
  "www.kaspersky-labs.co",
  "kaspersky.community",
  "kaspersky.comcast.net",
  "xkaspersky-labs.com",
  "mykaspersky.ru",
  "kaspersky.com-login.info",
  "dnl-01.geo.kaspersky.com.attacker.io",
  "kaspersky",
  "com",
  "kaspersky-labs.com.cn.evil.org",
  "securelist.co",
  "kaspersky.ru.phish.top",
  "www.kasperskyfan.net",
  "forum.kaspersky-community.org",
  "KASPERSKY.COM.EVIL.NET",
  "upd.kaspersky.com.mirror.example",
];

// --- ordinary names
const POP = [
  "google.com",
  "youtube.com",
  "facebook.com",
  "microsoft.com",
  "windowsupdate.com",
  "office.com",
  "office365.com",
  "live.com",
  "apple.com",
  "icloud.com",
  "amazon.com",
  "amazonaws.com",
  "cloudflare.com",
  "github.com",
  "githubusercontent.com",
  "slack.com",
  "zoom.us",
  "twitter.com",
  "linkedin.com",
  "netflix.com",
  "akamaihd.net",
  "gstatic.com",
  "googleapis.com",
  "doubleclick.net",
  "bing.com",
  "msn.com",
  "yahoo.com",
  "wikipedia.org",
  "reddit.com",
  "instagram.com",
  "whatsapp.net",
  "digicert.com",
  "ocsp.sectigo.com",
  "adobe.com",
  "salesforce.com",
  "okta.com",
  "atlassian.net",
  "dropbox.com",
  "spotify.com",
  "ubuntu.com",
  "debian.org",
  "npmjs.org",
  "pypi.org",
  "docker.io",
  "mozilla.org",
  "firefox.com",
  "skype.com",
  "teams.microsoft.com",
  "sharepoint.com",
  "outlook.com",
  "azure.com",
  "windows.net",
  "msftncsi.com",
];
const PFX = [
  "www",
  "api",
  "cdn",
  "static",
  "mail",
  "login",
  "accounts",
  "img",
  "s",
  "m",
  "auth",
  "clients4",
  "update",
  "download",
  "v10.events.data",
  "ocsp",
  "ctldl",
  "settings-win.data",
  "edge",
  "assets",
];
const popular: string[] = [...POP];
for (const d of POP) for (let i = 0; i < 8; i++) popular.push(`${pick(PFX)}.${d}`);
const TLDS = ["com", "net", "org", "ru", "cn", "info", "io", "biz", "xyz", "top", "su", "co"];
const random: string[] = [];
for (let i = 0; i < 600_000; i++) {
  const k = rnd();
  let q: string;
  if (k < 0.2) q = `d${chars(AL, 13)}.cloudfront.net`;
  else if (k < 0.35) q = `e${int(1000, 99999)}.${pick(["a", "b", "c", "d", "e", "f", "g"])}.akamaiedge.net`;
  else if (k < 0.45) q = `r${int(1, 8)}---sn-${chars(AL, 8)}.googlevideo.com`;
  else if (k < 0.55)
    q = `${chars(HEX, 12)}.s3.${pick(["us-east-1", "eu-west-1", "ap-south-1"])}.amazonaws.com`;
  else if (k < 0.62) q = `${chars(AL, 10)}.blob.core.windows.net`;
  else if (k < 0.75) q = `${int(1, 254)}.${int(0, 255)}.${int(0, 255)}.${int(1, 223)}.in-addr.arpa`;
  else if (k < 0.85) q = `${chars(HEX, 16)}.${chars(HEX, 8)}.telemetry.${pick(POP)}`;
  else if (k < 0.93) q = `host-${int(1, 20000)}.corp.example.local`;
  else q = `${chars("abcdefghijklmnopqrstuvwxyz", int(8, 18))}.${pick(TLDS)}`;
  random.push(q);
}
const RESOLVERS = ["10.0.0.53", "10.0.1.53", "192.168.1.1", "8.8.8.8", "1.1.1.1"];
const HOSTS: string[] = [];
for (let i = 0; i < 3000; i++) HOSTS.push(`10.${int(1, 40)}.${int(0, 255)}.${int(1, 254)}`);
for (let i = 0; i < 100; i++) HOSTS.push(`fe80::${chars(HEX, 4)}:${chars(HEX, 4)}:${chars(HEX, 4)}`);
const QT: [number, string][] = [
  ...Array<[number, string]>(55).fill([1, "A"]),
  ...Array<[number, string]>(25).fill([28, "AAAA"]),
  ...Array<[number, string]>(8).fill([65, "HTTPS"]),
  ...Array<[number, string]>(6).fill([12, "PTR"]),
  ...Array<[number, string]>(3).fill([16, "TXT"]),
  ...Array<[number, string]>(2).fill([33, "SRV"]),
  [5, "CNAME"],
];
const UIDS: string[] = [];
for (let i = 0; i < 200_000; i++) UIDS.push(`C${chars(`${AL}ABCDEFGHIJKLMNOPQRSTUVWXYZ`, 17)}`);
const ip4 = () => `${int(1, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;

const stream = createWriteStream(out, { highWaterMark: 1 << 22 });
const write = (s: string): Promise<void> =>
  stream.write(s) ? Promise.resolve() : new Promise<void>((r) => stream.once("drain", () => r()));

let hits = 0;
let decoys = 0;
let answerOnly = 0;
await write(
  "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n#open\t2024-09-28-00-00-00\n" +
    "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected\n" +
    "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount\tstring\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool\n",
);
let ts = 1727481600; // 2024-09-28T00:00:00Z: the cut-off falls inside the log
const buf: string[] = [];
for (let i = 0; i < lines; i++) {
  ts += rnd() * 0.03;
  const k = rnd();
  let q: string;
  if (k < 0.001) {
    q = mangle(pick(hitNames));
    hits++;
  } else if (k < 0.0015) {
    q = pick(DECOYS);
    decoys++;
  } else if (k < 0.55) q = pick(popular);
  else q = pick(random);
  let [qt, qtn] = pick(QT);
  if (q.endsWith("in-addr.arpa")) [qt, qtn] = [12, "PTR"];
  const z = rnd();
  let rcode: number;
  let rcn: string;
  let answers: string;
  let ttls: string;
  let rtt: string;
  if (z < 0.85) {
    rcode = 0;
    rcn = "NOERROR";
    let ans: string[];
    if (qt === 1) ans = Array.from({ length: int(1, 4) }, ip4);
    else if (qt === 28)
      ans = Array.from({ length: int(1, 2) }, () => `2606:4700:${chars(HEX, 4)}::${chars(HEX, 4)}`);
    else if (qt === 12) ans = [`host-${int(1, 9999)}.isp.example.net`];
    else ans = [`${int(1, 9)}.edge.${pick(POP)}`];
    if (rnd() < 0.3)
      ans.unshift(rnd() < 0.5 ? `${q.replace(/\.$/, "")}.cdn.cloudflare.net` : `${chars(AL, 6)}.edgekey.net`);
    if (rnd() < 0.0003) {
      ans.unshift(pick(hitNames));
      answerOnly++;
    }
    answers = ans.join(",");
    ttls = ans.map(() => `${pick([60, 300, 3600, 20, 86400])}.000000`).join(",");
    rtt = `0.${String(int(100, 99999)).padStart(6, "0")}`;
  } else if (z < 0.97) {
    [rcode, rcn, answers, ttls, rtt] = [
      3,
      "NXDOMAIN",
      "-",
      "-",
      `0.${String(int(100, 99999)).padStart(6, "0")}`,
    ];
  } else {
    [rcode, rcn, answers, ttls, rtt] = [2, "SERVFAIL", "-", "-", "-"];
  }
  const proto = rnd() < 0.97 ? "udp" : "tcp";
  buf.push(
    `${ts.toFixed(6)}\t${UIDS[i % UIDS.length]}\t${pick(HOSTS)}\t${int(1024, 65535)}\t${pick(RESOLVERS)}\t53\t${proto}\t${int(0, 65535)}\t${rtt}\t${q}\t1\tC_INTERNET\t${qt}\t${qtn}\t${rcode}\t${rcn}\tF\tF\tT\tT\t0\t${answers}\t${ttls}\tF\n`,
  );
  if (buf.length >= 20_000) {
    await write(buf.join(""));
    buf.length = 0;
  }
}
await write(`${buf.join("")}#close\t2024-10-01-00-00-00\n`);
await new Promise<void>((r) => stream.end(() => r()));
console.log(JSON.stringify({ file: out, lines, plantedHits: hits, plantedDecoys: decoys, answerOnly }));
