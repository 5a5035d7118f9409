import { describe, expect, it } from "vitest";
import { decodeXmlText, findDamage, stripDoctype } from "./safe-xml.js";

describe("safe XML", () => {
  it("decodes only predefined entities and character references", () => {
    expect(decodeXmlText("A &amp; B &lt;c&gt; &#75;&#x41;V &apos;&quot;")).toBe("A & B <c> KAV '\"");
    expect(decodeXmlText("&xxe; &amp;amp; &#0; &#x110000;")).toBe("&xxe; &amp; &#0; &#x110000;");
  });

  it("blanks a DOCTYPE with an internal subset, keeping line numbers", () => {
    const xml = '<?xml version="1.0"?>\n<!DOCTYPE bom [\n<!ENTITY a "x>y]">\n]>\n<bom/>';
    const d = stripDoctype(xml)!;
    expect(d.line).toBe(2);
    expect(d.text).not.toContain("ENTITY");
    expect(d.text.split("\n")).toHaveLength(5);
    expect(d.text.endsWith("\n<bom/>")).toBe(true);
    expect(stripDoctype("<bom/>")).toBeUndefined();
  });

  it("locates damage: a file that stops early, or a bad tag", () => {
    expect(findDamage("<a><b>1</b></a>")).toBeUndefined();
    expect(findDamage("<a>\n<b>1</b>\n<b>")).toMatchObject({ line: 3, offset: 16 });
    expect(findDamage("<a>\n<b>1</c>\n</a>")).toMatchObject({ line: 2 });
  });
});
