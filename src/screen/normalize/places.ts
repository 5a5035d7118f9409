/**
 * Country names and adjectives as they appear inside company names ("… (Thailand) Co., Ltd.",
 * "Banco Santander México", "Kaspersky Lab Switzerland"). A place is a qualifier, not the name: it
 * weighs less, and a place present on one side only, or different places, lower the score: the
 * same brand in another country is usually another legal person.
 */
const PLACES: Record<string, string[]> = {
  AE: ["uae", "emirates", "dubai", "emirati"],
  AR: ["argentina", "argentine", "argentinian"],
  AT: ["austria", "austrian", "osterreich"],
  AU: ["australia", "australian"],
  BE: ["belgium", "belgian", "belgique", "belgie"],
  BR: ["brazil", "brasil", "brazilian", "brasileira", "brasileiro"],
  BY: ["belarus", "belarusian"],
  CA: ["canada", "canadian"],
  CH: ["switzerland", "swiss", "schweiz", "suisse", "svizzera"],
  CL: ["chile", "chilean"],
  CN: ["china", "chinese", "prc"],
  CZ: ["czech", "czechia"],
  DE: ["germany", "german", "deutschland"],
  DK: ["denmark", "danish", "danmark"],
  EE: ["estonia", "estonian", "eesti"],
  EG: ["egypt", "egyptian"],
  ES: ["spain", "spanish", "espana"],
  FI: ["finland", "finnish", "suomi"],
  FR: ["france", "french"],
  GB: ["uk", "britain", "british", "england", "english", "scotland", "wales"],
  GR: ["greece", "greek", "hellas", "hellenic"],
  HK: ["hongkong"],
  HU: ["hungary", "hungarian", "magyar"],
  ID: ["indonesia", "indonesian"],
  IE: ["ireland", "irish"],
  IL: ["israel", "israeli"],
  IN: ["india", "indian"],
  IR: ["iran", "iranian"],
  IT: ["italy", "italian", "italia"],
  JP: ["japan", "japanese", "nippon"],
  KP: ["dprk"],
  KR: ["korea", "korean"],
  KZ: ["kazakhstan", "kazakh"],
  LT: ["lithuania", "lithuanian", "lietuva"],
  LV: ["latvia", "latvian", "latvija"],
  MX: ["mexico", "mexican", "mexicana", "mexicano"],
  MY: ["malaysia", "malaysian"],
  NL: ["netherlands", "dutch", "nederland", "holland"],
  NO: ["norway", "norwegian", "norge"],
  NZ: ["newzealand"],
  PH: ["philippines", "philippine"],
  PK: ["pakistan", "pakistani"],
  PL: ["poland", "polish", "polska"],
  PT: ["portugal", "portuguese"],
  RO: ["romania", "romanian"],
  RU: ["russia", "russian", "rossiya", "rossii", "rus", "rf"],
  SA: ["saudi"],
  SE: ["sweden", "swedish", "sverige"],
  SG: ["singapore", "singaporean"],
  SY: ["syria", "syrian"],
  TH: ["thailand", "thai"],
  TR: ["turkey", "turkiye", "turkish"],
  TW: ["taiwan", "taiwanese"],
  UA: ["ukraine", "ukrainian", "ukraina"],
  US: ["usa", "america", "american"],
  VE: ["venezuela", "venezuelan"],
  VN: ["vietnam", "vietnamese"],
  ZA: ["southafrica"],
};

const BY_WORD = new Map<string, string>();
for (const [cc, words] of Object.entries(PLACES)) for (const w of words) BY_WORD.set(w, cc);

/** ISO 3166 alpha-2 code of a country word, if it is one. */
export function placeOf(token: string): string | undefined {
  return BY_WORD.get(token);
}
