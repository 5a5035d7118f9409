import { detach } from "../match/detach.js";
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
  private lastName: string | undefined;
  private lastParty: Party | undefined;
  private lastSighting: string | undefined;

  add(name: string, field: Party["field"], sighting: string): void {
    // rows of one host and one publisher come in runs: the same strings as the call before
    if (name === this.lastName && sighting === this.lastSighting && this.lastParty) {
      this.lastParty.records++;
      return;
    }
    let p = this.parties.get(name);
    if (!p) {
      const trimmed = name.trim();
      if (trimmed.length < 2 || trimmed.length > 300) return;
      p = { field, sightings: new Set(), records: 0 };
      this.parties.set(detach(name), p);
    }
    this.lastName = name;
    this.lastParty = p;
    this.lastSighting = sighting;
    p.records++;
    // copied: a host name from the CSV hot path is a slice of a whole input chunk
    if (p.sightings.size < HOSTS_PER_PARTY && !p.sightings.has(sighting)) p.sightings.add(detach(sighting));
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
