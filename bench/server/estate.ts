/**
 * A synthetic estate for the server benchmark, generated on the fly (nothing on disk): hosts spread
 * over sites, ~100 software rows each, Kaspersky on a fixed share of hosts, look-alike decoys.
 * Deterministic: the same options give the same bytes, so a second pass re-inventories the same
 * machines (with Kaspersky removed from some of them).
 */

export interface EstateOptions {
  hosts: number;
  rowsPerHost: number;
  files: number;
  sites: number;
  /** Share of hosts with a Kaspersky product (first pass). */
  kasperskyShare: number;
}

const KASPERSKY: [string, string][] = [
  ["Kaspersky Endpoint Security for Windows", "AO Kaspersky Lab"],
  ["Kaspersky Security Center Network Agent", "AO Kaspersky Lab"],
  ["Kaspersky Small Office Security", "Kaspersky"],
  ["Kaspersky Security for Windows Server", "AO Kaspersky Lab"],
];
const DECOYS: [string, string][] = [
  ["Removal Tool for Kaspersky, ESET and Avast", "Tools Inc"],
  ["NotKaspersky Cleaner", "Cleaner Co"],
  ["Kasperski Helper", "Helper Ltd"],
];
const SOFTWARE: [string, string][] = [
  ["Google Chrome", "Google LLC"],
  ["Mozilla Firefox (x64 en-US)", "Mozilla"],
  ["Microsoft Edge", "Microsoft Corporation"],
  ["Microsoft 365 Apps for enterprise - en-us", "Microsoft Corporation"],
  ["7-Zip 23.01 (x64)", "Igor Pavlov"],
  ["Notepad++ (64-bit x64)", "Notepad++ Team"],
  ["Zoom Workplace", "Zoom Video Communications, Inc."],
  ["Adobe Acrobat Reader", "Adobe Inc."],
  ["VLC media player", "VideoLAN"],
  ["Microsoft Visual C++ 2015-2022 Redistributable (x64)", "Microsoft Corporation"],
  ["Git", "The Git Development Community"],
  ["Python 3.12.1 (64-bit)", "Python Software Foundation"],
  ["CrowdStrike Windows Sensor", "CrowdStrike, Inc."],
  ["Microsoft Teams", "Microsoft Corporation"],
  ["Cisco Secure Client - AnyConnect VPN", "Cisco Systems, Inc."],
  ["Dell Command | Update", "Dell Inc."],
];

function cell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** xorshift32, seeded per host so any file can be produced alone and again. */
function rng(seed: number): () => number {
  let s = seed | 0 || 0x2545f491;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

export function hostsInFile(o: EstateOptions, file: number): [number, number] {
  const per = Math.ceil(o.hosts / o.files);
  return [file * per, Math.min(o.hosts, (file + 1) * per)];
}

/** Each file is one site's export; a site sends several files. */
export function siteOfFile(o: EstateOptions, file: number): string {
  return `site-${String(file % o.sites).padStart(2, "0")}`;
}

export function hostName(o: EstateOptions, host: number): string {
  const file = Math.floor(host / Math.ceil(o.hosts / o.files));
  return `ws-${String(host).padStart(6, "0")}.${siteOfFile(o, file)}.corp.example`;
}

/** Whether a host runs Kaspersky in a pass: pass 2 has it removed from three hosts in four. */
export function hasKaspersky(o: EstateOptions, host: number, pass: number): boolean {
  const r = rng(host * 7919 + 17)();
  if (r >= o.kasperskyShare) return false;
  return pass === 1 || host % 4 === 0;
}

/** One file of the estate as CSV chunks of about 1 MiB. */
export function* fileChunks(o: EstateOptions, file: number, pass: number): Generator<string> {
  const [from, to] = hostsInFile(o, file);
  let buf = "host,name,publisher,version\n";
  for (let h = from; h < to; h++) {
    const rnd = rng(h * 2654435761 + pass);
    const name = hostName(o, h);
    const kaspersky = hasKaspersky(o, h, pass);
    for (let i = 0; i < o.rowsPerHost; i++) {
      let pair: [string, string];
      if (kaspersky && i === 0) pair = KASPERSKY[h % 2]!;
      else if (kaspersky && i === 1 && h % 3 === 0) pair = KASPERSKY[1]!;
      else if (rnd() < 0.002) pair = DECOYS[Math.floor(rnd() * DECOYS.length)]!;
      else pair = SOFTWARE[Math.floor(rnd() * SOFTWARE.length)]!;
      buf += `${name},${cell(pair[0])},${cell(pair[1])},${Math.floor(rnd() * 30)}.${Math.floor(rnd() * 10)}.${i}\n`;
    }
    if (buf.length > 1 << 20) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}
