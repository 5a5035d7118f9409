/**
 * Internal addresses: RFC 1918, shared address space (RFC 6598), loopback and link-local for IPv4;
 * unique-local (fc00::/7), link-local (fe80::/10) and loopback for IPv6, and IPv4-mapped forms.
 * KSC ports count only between two of these: the same ports to the internet mean something else.
 */
export function isPrivateAddress(raw: string): boolean {
  let ip = raw.trim().toLowerCase();
  if (ip.startsWith("::ffff:")) ip = ip.slice(7);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return (
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254)
    );
  }
  if (!ip.includes(":")) return false;
  if (ip === "::1") return true;
  const first = Number.parseInt(ip.split(":")[0] || "0", 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}
