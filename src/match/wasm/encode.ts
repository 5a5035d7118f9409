/**
 * Just enough of the WebAssembly binary format to emit one small function at run time: the SIMD
 * kernels are generated for the catalogue's literals instead of shipping a compiled binary, so
 * nothing prebuilt is downloaded or checked in. Opcodes: WebAssembly core 2.0 and the fixed-width
 * SIMD proposal (0xfd prefix).
 */

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));

export const I32 = 0x7f;
export const V128 = 0x7b;

/** Instructions as byte arrays (memory accesses use alignment hint 0: any address). */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32Load8: (offset = 0) => [0x2d, 0, ...uleb(offset)],
  i32Store: (offset = 0) => [0x36, 0, ...uleb(offset)],
  i32: (n: number) => [0x41, ...sleb(n)],
  eqz: [0x45],
  eq: [0x46],
  ltU: [0x49],
  geU: [0x4f],
  ctz: [0x68],
  popcnt: [0x69],
  add: [0x6a],
  sub: [0x6b],
  and: [0x71],
  or: [0x72],
  xor: [0x73],
  shl: [0x74],
  v128Load: (offset = 0) => [0xfd, 0x00, 0, ...uleb(offset)],
  i8x16Splat: [0xfd, 0x0f],
  i8x16Eq: [0xfd, 0x23],
  v128And: [0xfd, 0x4e],
  v128Or: [0xfd, 0x50],
  i8x16Bitmask: [0xfd, 0x64],
} as const;

/**
 * A module importing memory `env.mem` and exporting one function `run`: i32 parameters, one i32
 * result, and the given locals (counts of i32 and v128, in that order after the parameters).
 */
export function moduleWith(
  params: number,
  locals: { i32: number; v128: number },
  code: number[],
): Uint8Array<ArrayBuffer> {
  const type = [0x60, ...vec(Array.from({ length: params }, () => [I32])), ...vec([[I32]])];
  const body = [
    ...vec([
      [...uleb(locals.i32), I32],
      [...uleb(locals.v128), V128],
    ]),
    ...code,
    ...op.end,
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([type])),
    ...section(2, vec([[...name("env"), ...name("mem"), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name("run"), 0x00, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}
