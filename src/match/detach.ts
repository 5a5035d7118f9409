/**
 * A copy of a string that shares no memory with the text it was cut from. V8 keeps a whole input
 * chunk alive for as long as any slice of it lives; anything kept past the current chunk (host
 * names, evidence values) goes through this, so memory stays bounded by what matched.
 */
export function detach(value: string): string {
  return value.length === 0 ? value : Buffer.from(value, "utf8").toString("utf8");
}
