/**
 * Value lines of a `.reg` export (`"Name"=data`, `@=data`). regedit writes REG_SZ as an escaped
 * string, REG_DWORD as `dword:`, and everything else as `hex(N):` bytes: REG_EXPAND_SZ (2) and
 * REG_MULTI_SZ (7) hold UTF-16LE text in version 5.00 files and ANSI text in REGEDIT4 files.
 */

export interface RegValue {
  /** Value name; the default value `@` is the empty string. */
  name: string;
  /** The data as text (numbers in decimal, binary as hex); undefined for a deleted value (`=-`). */
  data?: string;
}

export type ValueLine = { value: RegValue } | { error: string } | { unterminated: true };

/** Reads a quoted string with `\\` and `\"` escapes from `from` (the opening quote). */
function readQuoted(line: string, from: number): { text: string; end: number } | undefined {
  let text = "";
  for (let i = from + 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === "\\" && (line[i + 1] === "\\" || line[i + 1] === '"')) {
      text += line[++i];
    } else if (c === '"') {
      return { text, end: i + 1 };
    } else text += c;
  }
  return undefined;
}

function bytesOf(list: string): number[] | undefined {
  const parts = list.split(",").map((p) => p.trim());
  if (parts.length === 1 && parts[0] === "") return [];
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^[0-9a-f]{1,2}$/i.test(p)) return undefined;
    bytes.push(Number.parseInt(p, 16));
  }
  return bytes;
}

function textOf(bytes: number[], unicode: boolean, ansi: string): string {
  const decoded = new TextDecoder(unicode ? "utf-16le" : ansi).decode(Uint8Array.from(bytes));
  return decoded.replace(/\0+$/, "");
}

function littleEndian(bytes: number[]): string {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n.toString();
}

const HEX = /^hex(?:\(([0-9a-f]+)\))?:(.*)$/i;

function decodeData(raw: string, unicode: boolean, ansi: string): string | undefined | Error {
  if (raw === "-") return undefined;
  const dword = /^dword:([0-9a-f]{1,8})$/i.exec(raw);
  if (dword) return String(Number.parseInt(dword[1]!, 16));
  const hex = HEX.exec(raw);
  if (!hex) return new Error(`unknown value data ${raw.slice(0, 40)}`);
  const type = Number.parseInt(hex[1] ?? "3", 16);
  const bytes = bytesOf(hex[2]!);
  if (!bytes) return new Error("hex data is not a list of bytes");
  switch (type) {
    case 1:
    case 2:
      return textOf(bytes, unicode, ansi);
    case 7:
      return textOf(bytes, unicode, ansi)
        .split("\0")
        .filter((s) => s !== "")
        .join("; ");
    case 4:
    case 11:
      return littleEndian(bytes);
    default:
      return bytes.map((b) => b.toString(16).padStart(2, "0")).join(",");
  }
}

/**
 * One value line, continuations already joined. `unterminated` means a string value runs on to the
 * next line (REG_SZ data with a line break in it).
 */
export function parseValueLine(line: string, unicode: boolean, ansi = "windows-1252"): ValueLine {
  let name: string;
  let rest: number;
  if (line.startsWith("@")) {
    name = "";
    rest = 1;
  } else if (line.startsWith('"')) {
    const q = readQuoted(line, 0);
    if (!q) return { error: "value name is not closed" };
    name = q.text;
    rest = q.end;
  } else return { error: "not a value line" };
  if (line[rest] !== "=") return { error: 'expected "=" after the value name' };
  const raw = line.slice(rest + 1).trim();
  if (raw.startsWith('"')) {
    const q = readQuoted(raw, 0);
    if (!q) return { unterminated: true };
    if (raw.slice(q.end).trim() !== "") return { error: "text after a string value" };
    return { value: { name, data: q.text } };
  }
  const data = decodeData(raw, unicode, ansi);
  if (data instanceof Error) return { error: data.message };
  return { value: data === undefined ? { name } : { name, data } };
}
