import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../test/server-app.js";

const KES = "Kaspersky Endpoint Security for Windows,AO Kaspersky Lab,11.10.0.399";
const CHROME = "Google Chrome,Google LLC,120.0";
const csv = (rows: string[]) => `host,name,publisher,version\n${rows.map((r) => `${r}\n`).join("")}`;

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

async function upload(body: string | Buffer, query = "", headers: Record<string, string> = {}) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1/inputs${query}`,
    headers: { "content-type": "text/csv", ...t.as.ingest, ...headers },
    payload: body,
  });
}

function multipart(files: { name: string; body: string }[]) {
  const boundary = "----offramp-test";
  const parts = files.map(
    (f) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: text/csv\r\n\r\n${f.body}\r\n`,
  );
  return { boundary, payload: `${parts.join("")}--${boundary}--\r\n` };
}

describe("uploads", () => {
  it("ingests a raw body once and answers the same upload again with duplicate", async () => {
    t = await testApp();
    const body = csv([`ws1.corp.example,${KES}`, `ws2.corp.example,${CHROME}`]);
    const first = await upload(body, "?name=sccm.csv&site=berlin&observedAt=2024-10-01");
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      status: "ingested",
      input: {
        file: "sccm.csv",
        format: "csv-inventory",
        site: "berlin",
        observedAt: "2024-10-01T00:00:00.000Z",
      },
      hosts: { seen: 2, new: 2 },
      findings: { seen: 1, new: 1 },
      items: { opened: 1 },
    });
    const again = await upload(body, "?name=other.csv");
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe("duplicate");
    const hosts = await t.app.inject({ method: "GET", url: "/api/v1/hosts", headers: t.as.viewer });
    expect(hosts.json().total).toBe(2);
    expect(hosts.json().items[0].site).toBe("berlin");
  });

  it("reads gzip and multipart forms with several files", async () => {
    t = await testApp();
    const gz = await upload(gzipSync(csv([`ws3.corp.example,${KES}`])), "?name=x.csv.gz", {
      "content-type": "application/gzip",
    });
    expect(gz.statusCode).toBe(201);
    expect(gz.json().input.encoding).toMatch(/^gzip/);
    const form = multipart([
      { name: "a.csv", body: csv([`ws4.corp.example,${KES}`]) },
      { name: "b.csv", body: csv([`ws5.corp.example,${CHROME}`]) },
    ]);
    const r = await t.app.inject({
      method: "POST",
      url: "/api/v1/inputs",
      headers: { "content-type": `multipart/form-data; boundary=${form.boundary}`, ...t.as.analyst },
      payload: form.payload,
    });
    expect(r.statusCode).toBe(201);
    expect(
      r.json().inputs.map((i: { input: { file: string }; status: string }) => [i.input.file, i.status]),
    ).toEqual([
      ["a.csv", "ingested"],
      ["b.csv", "ingested"],
    ]);
  });

  it("refuses what it cannot read, and what is too large, storing nothing", async () => {
    t = await testApp({ limits: { uploadBytes: 200 } });
    const unknown = await upload("just some words\nnothing tabular\n", "?name=notes.txt");
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe("unreadable-input");
    const big = csv(Array.from({ length: 20 }, (_, i) => `ws${i}.corp.example,${KES}`));
    const r = await upload(big, "?name=big.csv", { "content-length": String(Buffer.byteLength(big)) });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe("payload-too-large");
    // without a declared length the stream is cut at the limit
    const stream = new PassThrough();
    stream.end(big);
    const s = await t.app.inject({
      method: "POST",
      url: "/api/v1/inputs?name=big.csv",
      headers: { "content-type": "text/csv", "transfer-encoding": "chunked", ...t.as.ingest },
      payload: stream,
    });
    expect(s.statusCode).toBe(413);
    const inputs = await t.app.inject({ method: "GET", url: "/api/v1/inputs", headers: t.as.viewer });
    expect(inputs.json().total).toBe(0);
    expect((await upload("", "?name=empty.csv")).statusCode).toBe(422);
    const badFormat = await upload("x", "?format=nonsense");
    expect(badFormat.json().error.code).toBe("bad-request");
  });

  it("finishes a running ingest before shutting down", async () => {
    t = await testApp();
    const stream = new PassThrough();
    stream.write("host,name,publisher,version\n");
    const pending = t.app.inject({
      method: "POST",
      url: "/api/v1/inputs?name=slow.csv",
      headers: { "content-type": "text/csv", "transfer-encoding": "chunked", ...t.as.ingest },
      payload: stream,
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(t.app.inflight.count).toBe(1);
    const closed = t.app.close();
    setTimeout(() => stream.end(`ws1.corp.example,${KES}\n`), 200);
    const r = await pending;
    await closed;
    expect(r.statusCode).toBe(201);
    expect((await t.store.inputs.list(undefined, 10)).total).toBe(1);
  });
});

describe("reading the workspace", () => {
  it("pages and filters hosts, and shows one host with its history", async () => {
    t = await testApp();
    const rows = Array.from(
      { length: 12 },
      (_, i) => `h${String(i).padStart(2, "0")}.corp.example,${i % 4 ? CHROME : KES}`,
    );
    await upload(csv(rows), "?name=a.csv&observedAt=2024-10-01");
    const get = (url: string) =>
      t.app.inject({ method: "GET", url, headers: t.as.viewer }).then((r) => r.json());
    const page1 = await get("/api/v1/hosts?limit=5");
    const page2 = await get(`/api/v1/hosts?limit=5&cursor=${page1.next}`);
    expect(page1.total).toBe(12);
    expect(page2.items[0].key).toBe("h05.corp.example");
    expect((await get("/api/v1/hosts?status=affected")).total).toBe(3);
    expect((await get("/api/v1/hosts?product=kaspersky-endpoint-security-windows")).total).toBe(3);
    expect((await get("/api/v1/hosts?seenSince=2024-10-02")).total).toBe(0);
    const patched = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/hosts/h04.corp.example",
      headers: t.as.analyst,
      payload: { owner: "it-paris" },
    });
    expect(patched.json().owner).toBe("it-paris");
    expect((await get("/api/v1/hosts?owner=it-paris")).items.map((h: { key: string }) => h.key)).toEqual([
      "h04.corp.example",
    ]);
    const detail = await get("/api/v1/hosts/h04.corp.example");
    expect(detail.findings).toHaveLength(1);
    expect(detail.findings[0].evidence[0]).toMatchObject({
      file: "a.csv",
      line: 6,
      field: expect.any(String),
    });
    expect(detail.items[0].state).toBe("open");
    expect(detail.observations).toHaveLength(1);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/v1/hosts/nope", headers: t.as.viewer })).statusCode,
    ).toBe(404);
  });

  it("serves findings with evidence, and one finding with its sightings", async () => {
    t = await testApp();
    await upload(csv([`ws1.corp.example,${KES}`]), "?name=a.csv");
    const list = (
      await t.app.inject({ method: "GET", url: "/api/v1/findings?evidence=1", headers: t.as.viewer })
    ).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].evidence).toHaveLength(1);
    const one = (
      await t.app.inject({ method: "GET", url: `/api/v1/findings/${list.items[0].id}`, headers: t.as.viewer })
    ).json();
    expect(one.finding.evidence.length).toBe(one.finding.evidenceTotal);
    expect(one.sightings.map((s: { file: string }) => s.file)).toEqual(["a.csv"]);
  });

  it("renders the workspace in every report format", async () => {
    t = await testApp();
    await upload(csv([`ws1.corp.example,${KES}`]), "?name=a.csv&observedAt=2024-09-30");
    const types: Record<string, RegExp> = {
      json: /^application\/json/,
      csv: /^text\/csv/,
      sarif: /^application\/sarif\+json/,
      md: /^text\/markdown/,
      html: /^text\/html/,
      table: /^text\/plain/,
    };
    for (const [format, type] of Object.entries(types)) {
      const r = await t.app.inject({
        method: "GET",
        url: `/api/v1/reports/${format}?asOf=2024-10-01`,
        headers: t.as.viewer,
      });
      expect(r.statusCode, format).toBe(200);
      expect(r.headers["content-type"]).toMatch(type);
      expect(r.body).toMatch(/kaspersky/i);
    }
    const json = (
      await t.app.inject({ method: "GET", url: "/api/v1/reports/json", headers: t.as.viewer })
    ).json();
    expect(json.findings[0].assessments.length).toBeGreaterThan(0);
    const html = (
      await t.app.inject({ method: "GET", url: "/api/v1/reports/html?asOf=2024-10-02", headers: t.as.viewer })
    ).body;
    expect(html).toContain('id="burn-down"');
    expect(html).toContain("<svg");
  });

  it("gives the catalogue version and an OpenAPI document naming every route", async () => {
    t = await testApp();
    const c = (await t.app.inject({ method: "GET", url: "/api/v1/catalog", headers: t.as.viewer })).json();
    expect(c.version).toMatch(/\d/);
    expect(c.formats.map((f: { id: string }) => f.id)).toContain("csv-inventory");
    const doc = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    for (const spec of t.app.routeSpecs) {
      const path = spec.url.replace(/:(\w+)/g, "{$1}");
      expect(doc.paths[path]?.[spec.method.toLowerCase()], `${spec.method} ${path}`).toBeDefined();
    }
    expect(doc.paths["/api/v1/hosts"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["status", "product", "site", "owner", "seenSince", "cursor", "limit"]),
    );
  });
});

describe("campaign through the API", () => {
  it("moves items, refuses impossible moves with stable codes, and audits every change", async () => {
    t = await testApp();
    await upload(csv([`ws1.corp.example,${KES}`]), "?name=a.csv&observedAt=2024-10-01");
    const items = (
      await t.app.inject({ method: "GET", url: "/api/v1/campaign/items", headers: t.as.viewer })
    ).json();
    const id = items.items[0].id;
    const move = (payload: object, who = t.as.analyst) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/campaign/items/${id}/transitions`,
        headers: who,
        payload,
      });
    expect((await move({ action: "assign", owner: "ops" }, t.as.viewer)).statusCode).toBe(403);
    const assigned = await move({ action: "assign", owner: "ops", due: "2024-10-15" });
    expect(assigned.json()).toMatchObject({ state: "assigned", owner: "ops", due: "2024-10-15", version: 2 });
    const stale = await move({ action: "schedule", version: 1 });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, "conflict"]);
    const verify = await move({ action: "verify" });
    expect([verify.statusCode, verify.json().error.code]).toEqual([409, "needs-evidence"]);
    const close = await move({ action: "close" });
    expect(close.json().error.code).toBe("invalid-transition");
    expect((await move({ action: "launch" })).json().error.code).toBe("bad-request");
    const waived = await move({
      action: "waive",
      reason: "replacement on order",
      until: "2024-10-10T00:00:00Z",
    });
    expect(waived.json().waiver).toMatchObject({ reason: "replacement on order", by: "analyst-token#3" });
    // the waiver runs out: reads reopen it
    t.clock.now = new Date("2024-10-11T00:00:00Z");
    const after = (
      await t.app.inject({ method: "GET", url: `/api/v1/campaign/items/${id}`, headers: t.as.viewer })
    ).json();
    expect(after.item.state).toBe("open");
    expect(after.transitions.map((e: { action: string }) => e.action)).toEqual([
      "detect",
      "assign",
      "waive",
      "waiver-expired",
    ]);
    const audit = (
      await t.app.inject({ method: "GET", url: `/api/v1/audit?subject=item:${id}`, headers: t.as.admin })
    ).json();
    expect(audit.items.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ["item.detect", "ingest-token#5"],
      ["item.assign", "analyst-token#3"],
      ["item.waive", "analyst-token#3"],
      ["item.waiver-expired", "system"],
    ]);
    expect(audit.items[1].before.state).toBe("open");
    expect(audit.items[1].after.state).toBe("assigned");
    for (const method of ["PUT", "PATCH", "DELETE"] as const) {
      const r = await t.app.inject({ method, url: "/api/v1/audit", headers: t.as.admin });
      expect(r.statusCode).toBe(404);
    }
    const burn = (
      await t.app.inject({
        method: "GET",
        url: "/api/v1/campaign/burndown?from=2024-10-01&to=2024-10-11",
        headers: t.as.viewer,
      })
    ).json();
    // detected, assigned and waived on 10-01 (the last state of a day counts); open again from the expiry
    expect(burn.open).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    const summary = (
      await t.app.inject({ method: "GET", url: "/api/v1/campaign", headers: t.as.viewer })
    ).json();
    expect(summary.states).toEqual({ open: 1 });
  });
});

describe("limits and errors", () => {
  it("limits requests per token and says when to retry", async () => {
    t = await testApp({ limits: { perMinute: 3 } });
    const codes = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        (await t.app.inject({ method: "GET", url: "/api/v1/catalog", headers: t.as.viewer })).statusCode,
      );
    }
    expect(codes).toEqual([200, 200, 200, 429]);
    const r = await t.app.inject({ method: "GET", url: "/api/v1/catalog", headers: t.as.viewer });
    expect(r.headers["retry-after"]).toBeDefined();
    expect(r.json().error.code).toBe("rate-limited");
    // another token has its own bucket
    expect(
      (await t.app.inject({ method: "GET", url: "/api/v1/catalog", headers: t.as.admin })).statusCode,
    ).toBe(200);
  });

  it("gives up on a read that takes longer than the read timeout", async () => {
    t = await testApp({ limits: { readTimeoutMs: 50 } });
    const list = t.store.hosts.list.bind(t.store.hosts);
    // a database that answers slowly (a locked table, a cold disk)
    t.store.hosts.list = async (filter) => {
      await new Promise((r) => setTimeout(r, 300));
      return list(filter);
    };
    const r = await t.app.inject({ method: "GET", url: "/api/v1/hosts", headers: t.as.viewer });
    expect([r.statusCode, r.json().error.code]).toEqual([503, "timeout"]);
    await new Promise((r) => setTimeout(r, 400));
    // the late answer is dropped, and the next request is served
    const ok = await t.app.inject({ method: "GET", url: "/api/v1/catalog", headers: t.as.viewer });
    expect(ok.statusCode).toBe(200);
  });

  it("answers failures as JSON with a stable code and no stack", async () => {
    t = await testApp();
    const notFound = await t.app.inject({ method: "GET", url: "/api/v1/nothing", headers: t.as.viewer });
    expect(notFound.json().error.code).toBe("not-found");
    const badJson = await t.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: { ...t.as.admin, "content-type": "application/json" },
      payload: "{not json",
    });
    expect([badJson.statusCode, badJson.json().error.code]).toEqual([400, "bad-request"]);
    await t.store.db.close();
    const broken = await t.app.inject({ method: "GET", url: "/api/v1/hosts", headers: t.as.viewer });
    expect(broken.statusCode).toBe(500);
    expect(broken.json().error).toMatchObject({
      code: "internal",
      message: expect.not.stringMatching(/at |\.ts|\.js/),
    });
    const ready = await t.app.inject({ method: "GET", url: "/api/v1/ready" });
    expect(ready.statusCode).toBe(503);
  });

  it("turns the bootstrap secret into an admin token only while the store has none", async () => {
    t = await testApp();
    const r = await t.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: { authorization: "Bearer bootstrap-secret" },
      payload: { role: "viewer", name: "dashboard" },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().token).toMatch(/^ofr_/);
    const listed = (await t.app.inject({ method: "GET", url: "/api/v1/tokens", headers: t.as.admin })).json();
    expect(listed.tokens[0]).toMatchObject({ name: "bootstrap", role: "admin", createdBy: "system" });
    expect(JSON.stringify(listed)).not.toContain("bootstrap-secret");
    expect(await t.store.tokens.bootstrap("another-secret", new Date())).toBe(false);
  });
});

describe("screening", () => {
  it("screens an uploaded vendor list, or says plainly that no lists are cached", async () => {
    t = await testApp({ listsDir: mkdtempSync(join(tmpdir(), "offramp-lists-")) });
    const vendors = "name,country\nAO Kaspersky Lab,RU\nContoso Ltd,US\n";
    const missing = await t.app.inject({
      method: "POST",
      url: "/api/v1/screen",
      headers: { "content-type": "text/csv", ...t.as.viewer },
      payload: vendors,
    });
    expect([missing.statusCode, missing.json().error.code]).toEqual([503, "unavailable"]);
    const r = await t.app.inject({
      method: "POST",
      url: "/api/v1/screen?catalogOnly=true&name=vendors.csv",
      headers: { "content-type": "text/csv", ...t.as.viewer },
      payload: vendors,
    });
    expect(r.statusCode).toBe(200);
    const report = r.json();
    expect(report.inputs[0]).toMatchObject({ file: "vendors.csv", rows: 2 });
    const bands = Object.fromEntries(
      report.rows.map((row: { name: string; band: string }) => [row.name, row.band]),
    );
    expect(bands["AO Kaspersky Lab"]).toBe("match");
    expect(bands["Contoso Ltd"]).toBe("none");
  });
});
