import type { HostRegistry } from "../match/hosts.js";

/** How many hosts are kept per party for the report; the count covers them all. */
export const HOSTS_PER_PARTY = 100;

interface Party {
  field: "publisher" | "certificate";
  sightings: Set<string>;
  records: number;
}

/**
 * Publishers, suppliers and signers met in the inputs, with the hosts they were seen on, for
 * supplier screening. Memory is bounded by the number of distinct names times HOSTS_PER_PARTY.
 */
export class PartyCollector {
  private readonly parties = new Map<string, Party>();

  add(name: string, field: Party["field"], sighting: string): void {
    let p = this.parties.get(name);
    if (!p) {
      const trimmed = name.trim();
      if (trimmed.length < 2 || trimmed.length > 300) return;
      p = { field, sightings: new Set(), records: 0 };
      // a copy, not a slice of the input chunk (see match/detach)
      this.parties.set(Buffer.from(name, "utf8").toString("utf8"), p);
    }
    p.records++;
    if (p.sightings.size < HOSTS_PER_PARTY) p.sightings.add(sighting);
  }

  get size(): number {
    return this.parties.size;
  }

  /** Parties with the merged host ids they were seen on. */
  resolve(hosts: HostRegistry): { name: string; field: Party["field"]; hosts: string[]; records: number }[] {
    return [...this.parties.entries()].map(([name, p]) => ({
      name: name.trim(),
      field: p.field,
      hosts: [...new Set([...p.sightings].map((s) => hosts.hostId(s)))].sort(),
      records: p.records,
    }));
  }
}
