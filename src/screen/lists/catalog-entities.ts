/**
 * offramp's own entities (catalog/kaspersky/vendor.yaml) as list parties, with their legal basis:
 * the three Entity List rows (89 FR 52362) and the affiliates the ICTS Final Determination reaches
 * (89 FR 52434), which are on no government list and would otherwise never be screened.
 */
import type { Entity } from "../../model/catalog.js";
import type { ListParty } from "./party.js";

export const CATALOG_SOURCE = "offramp catalogue";

export function partiesFromEntities(entities: Entity[], vendorName: string): ListParty[] {
  return entities.map((e, i) => {
    const party: ListParty = {
      key: `OFFRAMP:${e.id}`,
      id: e.id,
      source: `${CATALOG_SOURCE} (${vendorName})`,
      sourceCode: "OFFRAMP",
      type: "Entity",
      names: [
        { name: e.name, kind: "primary" },
        ...e.aliases.map((a) => ({ name: a.name, kind: `alias (${a.script})` })),
      ],
      addresses: [],
      countries: e.country ? [e.country] : [],
      ids: [],
      websites: [],
      programs: e.listings.map((l) => l.list),
      listings: e.listings.map((l) => (l.effective ? { ...l } : { list: l.list, citation: l.citation })),
      origin: { file: "catalog/kaspersky/vendor.yaml", record: i + 1 },
    };
    const notes = [e.status === "former" ? "former name" : undefined, e.note].filter(Boolean);
    if (notes.length > 0) party.remarks = notes.join("; ");
    const first = e.listings[0];
    if (first) {
      party.frNotice = first.citation;
      if (first.effective) party.startDate = first.effective;
    }
    return party;
  });
}
