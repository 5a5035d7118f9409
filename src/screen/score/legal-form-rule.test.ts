import { describe, expect, it } from "vitest";
import { analyseName } from "../normalize/analyze.js";
import { compareLegalForms } from "./legal-form-rule.js";

const forms = (n: string) => analyseName(n)[0]!.legalForms;

describe("legal-form rule", () => {
  it("says nothing when the forms agree or one name has none", () => {
    expect(compareLegalForms(forms("Siemens AG"), forms("Siemens Aktiengesellschaft"))).toBeUndefined();
    expect(compareLegalForms(forms("Siemens AG"), forms("Siemens"))).toBeUndefined();
  });
  it("treats the Russian forms and their English renderings as one company's history", () => {
    // OAO, OJSC ("Open Joint Stock Company"), CJSC, PAO: forms of one country, a weak difference only.
    expect(compareLegalForms(forms("OAO Gazprom"), forms("Open Joint Stock Company Gasprom"))?.strength).toBe(
      "weak",
    );
    expect(compareLegalForms(forms("ZAO Transneft"), forms("Transneft CJSC"))?.strength).toBe("weak");
  });
  it("marks forms of different kinds or of different countries as strong", () => {
    expect(compareLegalForms(forms("Deutsche Bank AG"), forms("Deutsche Bank GmbH"))).toMatchObject({
      rule: "legal forms of different kinds",
      strength: "strong",
    });
    expect(compareLegalForms(forms("Korvessa GmbH"), forms("Korvessa Sdn. Bhd."))).toMatchObject({
      rule: "legal forms of different countries",
      strength: "strong",
    });
  });
});
