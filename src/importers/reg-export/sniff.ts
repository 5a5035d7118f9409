import { firstLines } from "../sniff.js";

/** The header regedit always writes; a headerless fragment that opens with a hive key is likely. */
export function sniffRegExport(head: string): number {
  const first = firstLines(head, 1, /^;/)[0]?.trim() ?? "";
  if (/^(Windows Registry Editor Version 5\.00|REGEDIT4)$/i.test(first)) return 0.99;
  if (/^\[-?HKEY_[A-Z_]+(\\[^\]]*)?\]$/.test(first)) return 0.5;
  return 0;
}
