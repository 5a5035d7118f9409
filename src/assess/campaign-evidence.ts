/**
 * When is a product proven gone from a host? When an inventory taken after the product was last
 * seen no longer lists it, and the host has shown no Kaspersky network indicator since that
 * inventory. An absent record alone proves nothing (the host may simply not have been
 * inventoried); traffic after the inventory means something may be running again, until a newer
 * inventory settles it. Traffic between the last sighting and the inventory is the removal window.
 */
export interface AbsenceFacts {
  /** Last time the product was seen on the host (any class), ISO 8601. */
  lastSeen: string;
  /** The newest inventory of the host observed after `lastSeen`, if any. */
  inventoryAfter: { inputId: number; observedAt: string; file: string } | null;
  /** Latest network indicator from the host (any product), ISO 8601. */
  lastNetwork: string | null;
}

export type AbsenceVerdict =
  | { verified: true; inputId: number; observedAt: string; basis: string }
  | { verified: false; reason: string };

export function judgeAbsence(facts: AbsenceFacts): AbsenceVerdict {
  const last = Date.parse(facts.lastSeen);
  const inv = facts.inventoryAfter;
  if (!inv || Date.parse(inv.observedAt) <= last) {
    return {
      verified: false,
      reason: `no inventory of the host since the product was last seen (${facts.lastSeen})`,
    };
  }
  if (facts.lastNetwork !== null && Date.parse(facts.lastNetwork) > Date.parse(inv.observedAt)) {
    return {
      verified: false,
      reason: `a network indicator was seen from the host at ${facts.lastNetwork}, after the inventory ${inv.file} (${inv.observedAt}) that no longer listed the product`,
    };
  }
  return {
    verified: true,
    inputId: inv.inputId,
    observedAt: inv.observedAt,
    basis: `absent from the inventory ${inv.file} observed ${inv.observedAt}; last seen ${facts.lastSeen}; no network indicator since`,
  };
}
