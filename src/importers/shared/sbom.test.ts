import { describe, expect, it } from "vitest";
import { assetRef, isoTime, packageId, parsePurl, partyName } from "./sbom.js";

describe("sbom helpers", () => {
  it("turns SPDX and CycloneDX parties into plain names", () => {
    expect(partyName("Organization: AO Kaspersky Lab")).toBe("AO Kaspersky Lab");
    expect(partyName("Person: Jane Doe (jane.doe@example.com)")).toBe("Jane Doe");
    expect(partyName("Organization: ExampleCodeInspect ()")).toBe("ExampleCodeInspect");
    expect(partyName("Organization: Acme (Europe) GmbH")).toBe("Acme (Europe) GmbH");
    expect(partyName("NOASSERTION")).toBeUndefined();
    expect(partyName("Organization: NOASSERTION")).toBeUndefined();
    expect(partyName("Santiago Vila <sanvila@debian.org>")).toBe("Santiago Vila");
  });

  it("parses package URLs with namespaces and escapes", () => {
    expect(parsePurl("pkg:maven/com.kaspersky.android-components/kaspresso@1.5.3?type=aar")).toEqual({
      type: "maven",
      namespace: "com.kaspersky.android-components",
      name: "kaspresso",
    });
    expect(parsePurl("pkg:npm/%40kaspi/pay-sdk@1.4.0")).toEqual({
      type: "npm",
      namespace: "@kaspi",
      name: "pay-sdk",
    });
    expect(parsePurl("pkg:deb/debian/kesl@12.0.0.6672")).toEqual({
      type: "deb",
      namespace: "debian",
      name: "kesl",
    });
    expect(parsePurl("not a purl")).toBeUndefined();
  });

  it("names packages as their ecosystem does", () => {
    const kaspresso = "pkg:maven/com.kaspersky.android-components/kaspresso@1.5.3";
    expect(packageId({ name: "kaspresso", purl: kaspresso })).toBe(
      "com.kaspersky.android-components:kaspresso",
    );
    expect(packageId({ name: "kaspresso", group: "g", purl: kaspresso })).toBe("g:kaspresso");
    expect(packageId({ name: "kesl", purl: "pkg:deb/debian/kesl@12.0.0.6672" })).toBe("kesl");
    expect(packageId({ name: "framework", group: "laravel" })).toBe("laravel/framework");
    expect(packageId({ name: "KAV SDK", purl: "pkg:generic/kaspersky/kav-sdk@8.0" })).toBe("KAV SDK");
  });

  it("names the asset name@version and reads creation times", () => {
    expect(assetRef("fw", "1.0")).toEqual({ kind: "asset", name: "fw@1.0" });
    expect(assetRef("fw", "NOASSERTION")).toEqual({ kind: "asset", name: "fw" });
    expect(isoTime("2024-05-14T09:12:44+02:00")).toBe("2024-05-14T07:12:44.000Z");
    expect(isoTime("yesterday")).toBeUndefined();
    expect(isoTime(17)).toBeUndefined();
  });
});
