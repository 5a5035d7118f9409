import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/render/index.js";
import { estateReport, HOSTILE_HOST } from "../fixtures/report-estate.js";
import { catalog } from "../scan-helpers.js";
import { haveChromium, launch } from "./chromium.js";

const enabled = haveChromium();

describe.runIf(enabled)("HTML report in a browser", () => {
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    browser = await launch();
    const dir = mkdtempSync(join(tmpdir(), "offramp-html-"));
    file = join(dir, "report.html");
    writeFileSync(file, renderReport(await estateReport(), "html", { regimes: catalog.regimes }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("renders every section with no script error, no dialog and no network request", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    let dialogs = 0;
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("dialog", async (d) => {
      dialogs++;
      await d.dismiss();
    });
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) requests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href);
    for (const id of [
      "summary",
      "deadlines",
      "burn-down",
      "hosts",
      "regimes",
      "next-steps",
      "evidence-grade",
    ]) {
      expect(await page.locator(`section#${id} h2`).isVisible(), id).toBe(true);
    }
    // the hostile host name is shown as text and created no element
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.getByText(HOSTILE_HOST.toLowerCase(), { exact: false }).first().isVisible()).toBe(true);
    expect(errors).toEqual([]);
    expect(dialogs).toBe(0);
    expect(requests).toEqual([]);
    await page.close();
  });

  it("prints to PDF (the report is meant to be handed over)", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    await page.close();
  });
});
