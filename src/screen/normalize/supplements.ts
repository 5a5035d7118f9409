/**
 * Our additions to the rigour tables, where real vendor data writes things rigour does not list:
 * South Asian "Pvt Ltd", Polish partnership forms, abbreviations common in ERP exports. Kept apart
 * so the generated table stays a faithful copy.
 */
export const EXTRA_LEGAL_FORMS: [alias: string, compare: string, generic: string | null][] = [
  ["Pvt Ltd", "PvtLtd", "LLC"],
  ["Pvt. Ltd.", "PvtLtd", "LLC"],
  ["Private Limited", "PvtLtd", "LLC"],
  ["Private Ltd", "PvtLtd", "LLC"],
  ["Pvt Limited", "PvtLtd", "LLC"],
  ["Sp. j.", "Spj", "GP"],
  ["spolka jawna", "Spj", "GP"],
  ["Sp. k.", "Spk", "LP"],
  ["spolka komandytowa", "Spk", "LP"],
  ["S.K.A.", "SKA", "LP"],
  ["spolka komandytowo-akcyjna", "SKA", "LP"],
  // Russian state enterprises as U.S. lists translate them.
  ["FSUE", "FGUP", "SOE"],
  ["Federal State Unitary Enterprise", "FGUP", "SOE"],
  ["SUE", "GUP", "SOE"],
  ["State Unitary Enterprise", "GUP", "SOE"],
  ["Municipal Unitary Enterprise", "MUP", "SOE"],
  // Armenian: LLC, closed and open joint-stock companies (romanised by the Armenian scheme).
  ["ՍՊԸ", "SPE", "LLC"],
  ["ՓԲԸ", "CJSC", "JSC"],
  ["ԲԲԸ", "OJSC", "JSC"],
];

/** Extra words for rigour symbol groups (abbreviations seen in vendor masters). */
export const EXTRA_SYMBOL_WORDS: Record<string, string[]> = {
  service: ["svc", "svcs", "serv", "servs"],
  mgmt: ["mgmt", "mgt", "management"],
  assoc: ["assoc", "assocs", "associates"],
  eng: ["engg", "engr", "eng"],
  industry: ["ind", "inds", "indus"],
  commerce: ["com", "comm", "comercio", "commercio"],
  bros: ["bros", "brothers", "fratelli", "flli", "F.lli"],
  saint: ["saint", "st", "sankt", "sainte", "ste"],
  railway: ["железная дорога", "железные дороги", "железных дорог", "железной дороги"],
  manufacturing: ["mfg", "mfr", "manufacturing"],
  intl: ["intl", "int", "international"],
  private: ["pvt", "pte", "private"],
  tech: ["tech", "techs", "technology", "technologies"],
  holding: ["holding", "holdings", "hldgs", "hldg"],
};
