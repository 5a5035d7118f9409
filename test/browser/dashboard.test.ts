import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/store/tokens.js";
import { haveChromium, launch } from "./chromium.js";
import {
  type DashboardServer,
  ensureDashboardBuilt,
  ingestExamples,
  startDashboardServer,
} from "./dashboard-server.js";

const enabled = haveChromium();

const HOSTILE = "<img src=x onerror=alert(1)>";
const HOSTILE_CSV = `host,name,publisher,version\n"${HOSTILE}",Kaspersky Endpoint Security for Windows,AO Kaspersky Lab,11.10.0.399\n`;
/** Server and browser share this clock: four days before the BIS cut-off of 2024-09-29. */
const NOW = new Date("2024-09-25T12:00:00Z");
const DAY_MS = 86_400_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY_MS).toISOString().slice(0, 10);

interface Watched {
  page: Page;
  /** Script errors and console errors (CSP violations included). */
  errors: string[];
  /** Requests the server refused (the browser logs them to the console too); some are expected. */
  refused: string[];
  dialogs: string[];
}

describe("dashboard build", () => {
  beforeAll(() => ensureDashboardBuilt(), 300_000);

  it("is a small production bundle whose page has no inline script or style (the server's CSP allows none)", () => {
    const dist = join(dirname(fileURLToPath(import.meta.url)), "../../web/dist");
    const html = readFileSync(join(dist, "index.html"), "utf8");
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, body] of scripts) {
      expect(tag).toMatch(/src="\/assets\/[\w-]+\.js"/);
      expect(body).toBe("");
    }
    expect(html).not.toMatch(/<style|style="/);
    const js = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js"));
    const bytes = js.reduce((n, f) => n + statSync(join(dist, "assets", f)).size, 0);
    // React's development build is ~500 kB: this catches a build made with the wrong NODE_ENV
    expect(bytes).toBeLessThan(350_000);
    expect(js.every((f) => /-[\w-]{6,}\.js$/.test(f))).toBe(true);
  });
});

describe.runIf(enabled)("dashboard in a browser", () => {
  let browser: Browser;
  let server: DashboardServer;

  beforeAll(async () => {
    ensureDashboardBuilt();
    server = await startDashboardServer(NOW);
    expect(await ingestExamples(server, daysAgo(12))).toBeGreaterThan(5);
    await server.upload("hostile.csv", HOSTILE_CSV, `&observedAt=${daysAgo(5)}`);
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path = "/"): Promise<Watched> {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    const w: Watched = { page, errors: [], refused: [], dialogs: [] };
    page.on("pageerror", (e) => w.errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() !== "error") return;
      if (m.text().startsWith("Failed to load resource")) w.refused.push(m.text());
      else w.errors.push(`console: ${m.text()}`);
    });
    page.on("dialog", async (d) => {
      w.dialogs.push(d.message());
      await d.dismiss();
    });
    await page.goto(`${server.url}${path}`);
    return w;
  }

  async function signIn(w: Watched, role: Role) {
    await w.page.getByTestId("token").fill(server.tokens[role]);
    await w.page.getByRole("button", { name: "Sign in" }).click();
    await w.page.getByTestId("role").waitFor();
    expect(await w.page.getByTestId("role").textContent()).toBe(role);
  }

  const nav = (page: Page, name: string) =>
    page.getByRole("navigation", { name: "Screens" }).getByRole("link", { name, exact: true });

  const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim();

  it("signs in with a token kept in sessionStorage only, and the overview matches the API", async () => {
    const w = await open("/");
    await signIn(w, "admin");
    const { page } = w;
    await page.getByTestId("hosts-total").waitFor();

    // the token is in this tab's sessionStorage, never in the address or localStorage
    expect(page.url()).not.toContain(server.tokens.admin);
    expect(await page.evaluate(() => sessionStorage.getItem("offramp.token"))).toBe(server.tokens.admin);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);

    const hosts = await server.api<{ total: number }>("/hosts?limit=1");
    expect(Number(await text(page, "hosts-total"))).toBe(hosts.total);
    for (const status of ["affected", "waived", "resolved", "clean"]) {
      const api = await server.api<{ total: number }>(`/hosts?status=${status}&limit=1`);
      expect(Number(await text(page, `hosts-${status}`)), status).toBe(api.total);
    }
    const campaign = await server.api<{ states: Record<string, number>; overdue: number }>("/campaign");
    expect(campaign.states.open).toBeGreaterThan(0);
    for (const state of ["open", "assigned", "removal-scheduled", "verified-absent", "closed", "waived"]) {
      expect(Number(await text(page, `items-${state}`)), state).toBe(campaign.states[state] ?? 0);
    }
    expect(Number(await text(page, "items-overdue"))).toBe(campaign.overdue);

    const findings = await server.api<{ total: number }>("/findings?limit=1&evidence=0");
    expect(Number(await text(page, "findings-total"))).toBe(findings.total);
    for (const cls of ["installed", "integrated", "network", "historical"]) {
      const api = await server.api<{ total: number }>(`/findings?class=${cls}&limit=1&evidence=0`);
      expect(Number(await text(page, `class-${cls}`)), cls).toBe(api.total);
    }
    // one row per product, with the product's count from the API
    const kes = await server.api<{ total: number }>(
      "/findings?product=kaspersky-endpoint-security-windows&limit=1&evidence=0",
    );
    const kesRow = page.locator('tr[data-product="kaspersky-endpoint-security-windows"] td').last();
    expect(Number(await kesRow.textContent())).toBe(kes.total);

    // the burn-down is an inline SVG drawn from the API's series
    const burndown = await server.api<{ days: string[]; open: number[] }>("/campaign/burndown");
    expect(burndown.days.length).toBeGreaterThan(5);
    const svg = page.getByTestId("burndown");
    expect(await svg.evaluate((e) => e.tagName.toLowerCase())).toBe("svg");
    expect(await svg.locator("path").count()).toBeGreaterThanOrEqual(2);
    expect(await svg.getAttribute("aria-label")).toContain(
      `to ${burndown.open.at(-1)} on ${burndown.days.at(-1)}`,
    );
    // the example estate's findings are bound by the BIS cut-off, and so are the items' due dates
    expect(await page.getByTestId("deadlines").textContent()).toContain("2024-09-29 00:00 UTC−04:00");
    const items = await server.api<{ items: { due: string | null; state: string }[] }>(
      "/campaign/items?limit=500",
    );
    const dueOnCutoff = items.items.filter((i) => i.due === "2024-09-29" && i.state === "open").length;
    expect(dueOnCutoff).toBeGreaterThan(0);
    const dueRow = page.getByTestId("items-due").locator("tbody tr").first();
    expect(await dueRow.locator("td").first().textContent()).toBe("2024-09-29");
    expect(Number(await dueRow.locator("td").nth(1).textContent())).toBe(dueOnCutoff);

    // a reload keeps the session (same tab); signing out forgets the token
    await page.reload();
    await page.getByTestId("hosts-total").waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByTestId("token").waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem("offramp.token"))).toBeNull();
    expect(w.errors).toEqual([]);
    expect(w.refused).toEqual([]);
    await page.context().close();
  });

  it("refuses an unknown token in words", async () => {
    const w = await open("/");
    await w.page.getByTestId("token").fill("not-a-token");
    await w.page.getByRole("button", { name: "Sign in" }).click();
    const alert = w.page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.getAttribute("data-code")).toBe("unauthorized");
    expect(await alert.textContent()).toContain("The token was not accepted");
    await w.page.context().close();
  });

  it("shows a hostile host name as text: no element, no dialog, no script error", async () => {
    const w = await open("/");
    await signIn(w, "admin");
    const { page } = w;
    await nav(page, "Hosts").click();
    await page.getByLabel("Name starts with").fill("<img");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.getByRole("link", { name: HOSTILE }).click();
    await page.getByTestId("host-name").waitFor();
    expect(await text(page, "host-name")).toBe(HOSTILE);
    expect(page.url()).toContain("/hosts/%3Cimg");
    // the finding, its evidence and its assessment are there
    expect(await page.locator("article.finding").first().textContent()).toContain(
      "Kaspersky Endpoint Security for Windows",
    );
    expect(await page.locator("table.evidence").first().textContent()).toContain("hostile.csv:2");
    expect(await page.locator("table.assessments").first().textContent()).toContain("89 FR 52434");
    // reloading the host's address works too (the server answers it with the app)
    await page.reload();
    await page.getByTestId("host-name").waitFor();
    expect(await text(page, "host-name")).toBe(HOSTILE);
    await page.waitForTimeout(300);
    expect(await page.locator("img").count()).toBe(0);
    expect(w.dialogs).toEqual([]);
    expect(w.errors).toEqual([]);
    expect(w.refused).toEqual([]);
    await page.context().close();
  });

  it("moves a work item through transitions and says in words why a move was refused", async () => {
    const w = await open("/");
    await signIn(w, "analyst");
    const { page } = w;
    await page.goto(`${server.url}/items?host=${encodeURIComponent(HOSTILE)}`);
    const row = page.locator("tr[data-item]").first();
    await row.waitFor();
    const id = await row.getAttribute("data-item");
    expect(await row.getAttribute("data-state")).toBe("open");
    const rowOf = () => page.locator(`tr[data-item="${id}"]`);

    // open → assigned, with an owner and a due date
    await rowOf().locator('[data-action="assign"]').click();
    await rowOf().getByLabel("Owner").fill("Dana Ruiz");
    await rowOf().getByLabel("Due").fill(daysAgo(-30));
    await rowOf().getByTestId("action-form").getByRole("button", { name: "Assign" }).click();
    await page.locator(`tr[data-item="${id}"][data-state="assigned"]`).waitFor();
    expect(await rowOf().textContent()).toContain("Dana Ruiz");
    const assigned = await server.api<{ item: { state: string; owner: string; due: string } }>(
      `/campaign/items/${id}`,
    );
    expect(assigned.item).toMatchObject({ state: "assigned", owner: "Dana Ruiz", due: daysAgo(-30) });

    // verify is refused without evidence of absence: the code is said in words
    await rowOf().locator('[data-action="verify"]').click();
    await rowOf().getByTestId("action-form").getByRole("button", { name: "Verify absent" }).click();
    const refused = rowOf().locator('[role="alert"][data-code="needs-evidence"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain("no evidence of absence");

    // assigned → removal-scheduled
    await rowOf().locator('[data-action="schedule"]').click();
    await rowOf().getByLabel("Removal date").fill(daysAgo(-7));
    await rowOf().getByTestId("action-form").getByRole("button", { name: "Schedule removal" }).click();
    await page.locator(`tr[data-item="${id}"][data-state="removal-scheduled"]`).waitFor();

    // someone else moves it first: the stale move is refused as a conflict and the fresh item shown
    const other = await fetch(`${server.url}/api/v1/campaign/items/${id}/transitions`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.tokens.admin}`, "content-type": "application/json" },
      body: JSON.stringify({ action: "assign", owner: "Someone Else" }),
    });
    expect(other.status).toBe(200);
    await rowOf().locator('[data-action="waive"]').click();
    await rowOf().getByLabel("Reason").fill("replacement on order");
    await rowOf().getByLabel("Expires on").fill(daysAgo(-60));
    await rowOf().getByTestId("action-form").getByRole("button", { name: "Waive" }).click();
    await rowOf().locator('[role="alert"][data-code="conflict"]').waitFor();
    await page.locator(`tr[data-item="${id}"][data-state="assigned"]`).waitFor();
    expect(await rowOf().textContent()).toContain("Someone Else");

    // on the fresh version the waiver goes through
    await rowOf().locator('[data-action="waive"]').click();
    await rowOf().getByLabel("Reason").fill("replacement on order");
    await rowOf().getByLabel("Expires on").fill(daysAgo(-60));
    await rowOf().getByTestId("action-form").getByRole("button", { name: "Waive" }).click();
    await page.locator(`tr[data-item="${id}"][data-state="waived"]`).waitFor();
    const waived = await server.api<{ item: { state: string; waiver: { reason: string } } }>(
      `/campaign/items/${id}`,
    );
    expect(waived.item.state).toBe("waived");
    expect(waived.item.waiver.reason).toBe("replacement on order");
    // a waived item can only be reopened
    expect(
      await rowOf()
        .locator("[data-action]")
        .evaluateAll((b) => b.map((e) => e.getAttribute("data-action"))),
    ).toEqual(["reopen"]);
    expect(w.errors).toEqual([]);
    // the refusals the browser saw: the two 409s above and nothing else (the role comes from /me)
    expect(w.refused.map((r) => /status of (\d+)/.exec(r)?.[1]).sort()).toEqual(["409", "409"]);
    await page.context().close();
  });

  it("shows a viewer no transition buttons, on the items list or on a host", async () => {
    const w = await open("/");
    await signIn(w, "viewer");
    const { page } = w;
    await nav(page, "Work items").click();
    await page.locator("tr[data-item]").first().waitFor();
    expect(await page.locator("tr[data-item]").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("read-only").isVisible()).toBe(true);
    expect(await page.locator("[data-action]").count()).toBe(0);
    expect(await page.getByTestId("item-actions").count()).toBe(0);
    await page.locator("tr[data-item] a").first().click();
    await page.getByTestId("host-name").waitFor();
    expect(await page.locator("tr[data-item]").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-action]").count()).toBe(0);
    // nor may it upload
    expect(await nav(page, "Upload").count()).toBe(0);
    await page.context().close();
  });

  it("lets an ingest token upload (and only upload); the same file again changes nothing", async () => {
    const w = await open("/");
    await signIn(w, "ingest");
    const { page } = w;
    expect(await nav(page, "Hosts").count()).toBe(0);
    await nav(page, "Upload").click();
    const csv = `host,name,publisher,version\nups-ws-01,Kaspersky Small Office Security,AO Kaspersky Lab,21.3\n`;
    const file = { name: "ups.csv", mimeType: "text/csv", buffer: Buffer.from(csv) };
    await page.getByTestId("upload-files").setInputFiles(file);
    await page.getByRole("button", { name: "Upload" }).click();
    const first = page.locator('[data-testid="upload-results"] li').first();
    await first.waitFor();
    expect(await first.getAttribute("data-status")).toBe("ingested");
    expect(await first.textContent()).toContain("1 host (1 new)");
    await page.getByTestId("upload-files").setInputFiles(file);
    await page.getByRole("button", { name: "Upload" }).click();
    await page.locator('[data-testid="upload-results"] li[data-status="duplicate"]').waitFor();
    // a file no importer reads is refused in words
    await page.getByTestId("upload-files").setInputFiles({
      name: "notes.bin",
      mimeType: "application/octet-stream",
      buffer: Buffer.from([0, 1, 2, 3]),
    });
    await page.getByRole("button", { name: "Upload" }).click();
    const bad = page.locator('[data-testid="upload-results"] li[data-status="failed"]');
    await bad.waitFor();
    expect(await bad.getByRole("alert").getAttribute("data-code")).toBe("unreadable-input");
    const host = await server.api<{ host: { key: string } }>("/hosts/ups-ws-01");
    expect(host.host.key).toBe("ups-ws-01");
    await page.context().close();
  });

  it("downloads reports through the API without the token in a link", async () => {
    const w = await open("/");
    await signIn(w, "viewer");
    const { page } = w;
    await nav(page, "Reports").click();
    const formats = await page
      .locator("[data-format]")
      .evaluateAll((b) => b.map((e) => e.getAttribute("data-format")));
    expect(formats).toEqual(["table", "json", "csv", "sarif", "md", "html"]);
    expect(await page.locator(`a[href*="${server.tokens.viewer}"]`).count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('[data-format="json"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^offramp-report-\d{4}-\d{2}-\d{2}\.json$/);
    const path = await download.path();
    const report = JSON.parse(readFileSync(path, "utf8")) as { hosts?: unknown[]; findings?: unknown[] };
    expect(Array.isArray(report.findings)).toBe(true);
    expect(w.errors).toEqual([]);
    await page.context().close();
  });
});
