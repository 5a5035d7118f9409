/**
 * One listed party, whatever list it comes from (CSL, OFAC SDN files, offramp's own catalogue of
 * Kaspersky entities), with what a screening explanation needs: every name, the list and its legal
 * basis, addresses, countries, identifiers and websites.
 */
export interface PartyName {
  name: string;
  /** "primary", "alias" (a listed alternative name), or how an inline alias was introduced. */
  kind: string;
}

export interface PartyId {
  type: string;
  value: string;
  country?: string;
}

export interface Listing {
  list: string;
  citation: string;
  effective?: string;
}

export interface ListParty {
  /** Unique in a snapshot: source code and the list's own id ("EL:5b3c…", "SDN:36"). */
  key: string;
  id: string;
  /** Source as the list spells it ("Entity List (EL) - Bureau of Industry and Security"). */
  source: string;
  /** Short code: EL, MEU, UVL, DPL, DTC, ISN, SDN, SSI, FSE, PLC, CAP, CMIC, MBS, or OFFRAMP. */
  sourceCode: string;
  type?: string;
  names: PartyName[];
  addresses: { text: string; country?: string }[];
  /** ISO 3166 alpha-2 codes from addresses, nationalities and citizenships. */
  countries: string[];
  ids: PartyId[];
  /** Web domains the list gives for the party (lower case, no "www."). */
  websites: string[];
  programs: string[];
  frNotice?: string;
  startDate?: string;
  endDate?: string;
  licenseRequirement?: string;
  licensePolicy?: string;
  remarks?: string;
  /** Legal bases for catalogue entities (Entity List rule, ICTS determination). */
  listings?: Listing[];
  sourceUrl?: string;
  /** Where the record was read: file and 1-based record number. */
  origin: { file: string; record: number };
}

/** Source code from the CSL's `source` string: the parenthesised part; "NS-MBS List" is MBS. */
export function sourceCode(source: string): string {
  const m = /\(([^)]+)\)/.exec(source);
  const code = (m?.[1] ?? source).trim();
  if (/^NS-MBS/i.test(code)) return "MBS";
  return code.toUpperCase();
}

/** Lower-case host of a website value ("www.hib.uk.com", "https://x.ru/path") without "www.". */
export function websiteDomain(value: string): string | undefined {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:www\d?\.)?([^\s/:?#]+)/i.exec(value.trim());
  const host = m?.[1]?.toLowerCase().replace(/\.$/, "");
  return host?.includes(".") ? host : undefined;
}
