import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ItemSnapshot,
  ITEM_STATES as SERVER_ITEM_STATES,
  transition,
} from "../../src/assess/campaign.js";
import { REPORT_FORMATS } from "../../src/report/render/index.js";
import { ERROR_STATUS } from "../../src/server/errors.js";
import { ACCESS } from "../../src/server/route.js";
import { ROLES as SERVER_ROLES } from "../../src/store/tokens.js";
import { HOST_STATUSES as SERVER_HOST_STATUSES } from "../../src/store/types.js";
import { Api, ApiFailure, queryString } from "../../web/src/api/client.js";
import { HOST_STATUSES, ITEM_STATES, type ItemState, ROLES } from "../../web/src/api/types.js";
import { chartGeometry, niceMax } from "../../web/src/lib/burndown-chart.js";
import { describeError, knownErrorCodes } from "../../web/src/lib/error-words.js";
import { deadline, instant } from "../../web/src/lib/format.js";
import { filtersFromSearch, hostQuery, searchFromFilters } from "../../web/src/lib/host-filters.js";
import { deadlines, findingsByProduct, itemsDue } from "../../web/src/lib/overview.js";
import {
  collectPages,
  currentCursor,
  firstPage,
  nextPage,
  pageNumber,
  previousPage,
} from "../../web/src/lib/pages.js";
import { KNOWN_REPORT_FORMATS, reportFormats } from "../../web/src/lib/report-formats.js";
import { ABILITIES, detectRole } from "../../web/src/lib/roles.js";
import { hostPath, matchRoute } from "../../web/src/lib/routes.js";
import { ACTIONS, actionBody, allowedActions, FROM } from "../../web/src/lib/transitions.js";
import { type TestApp, testApp } from "../server-app.js";

const HOSTILE = "<img src=x onerror=alert(1)>";

describe("the dashboard's copy of the API's vocabulary", () => {
  it("has the server's roles, host statuses, item states and error codes", () => {
    expect([...ROLES]).toEqual([...SERVER_ROLES]);
    expect([...HOST_STATUSES]).toEqual([...SERVER_HOST_STATUSES]);
    expect([...ITEM_STATES]).toEqual([...SERVER_ITEM_STATES]);
    for (const code of Object.keys(ERROR_STATUS)) expect(knownErrorCodes(), code).toContain(code);
  });

  it("grants each ability to the roles the route table grants it", () => {
    expect([...ABILITIES.read]).toEqual([...ACCESS.read]);
    expect([...ABILITIES.upload]).toEqual([...ACCESS.upload]);
    expect([...ABILITIES.change]).toEqual([...ACCESS.change]);
  });
});

describe("transitions offered", () => {
  const snapshot = (state: ItemState, owner: string | null = "Dana"): ItemSnapshot => ({
    state,
    owner,
    due: null,
    defaultDue: "2024-09-29",
    scheduledFor: null,
    waiverReason: null,
    waivedBy: null,
    waiverUntil: null,
    note: null,
    verifiedAt: null,
    verifiedBy: null,
  });
  const now = new Date("2024-09-25T12:00:00Z");
  const request = {
    assign: { action: "assign", owner: "Dana" },
    schedule: { action: "schedule" },
    verify: { action: "verify" },
    close: { action: "close" },
    waive: { action: "waive", reason: "r", until: "2024-12-01" },
    reopen: { action: "reopen", reason: "r" },
  } as const;

  it("are exactly the moves the campaign rules accept from each state", () => {
    for (const state of ITEM_STATES) {
      for (const owner of ["Dana", null]) {
        const offered = allowedActions({ state, owner }, "analyst");
        for (const action of ACTIONS) {
          const r = transition(snapshot(state, owner), request[action], {
            actor: "t",
            now,
            absence: { verified: true, observedAt: now.toISOString(), inputId: 1, basis: "b" } as never,
          });
          expect(offered.includes(action), `${action} from ${state} (owner ${owner})`).toBe(r.ok);
        }
      }
    }
  });

  it("are none for a viewer or an ingest token, and the same for admin and analyst", () => {
    for (const state of ITEM_STATES) {
      expect(allowedActions({ state, owner: "x" }, "viewer")).toEqual([]);
      expect(allowedActions({ state, owner: "x" }, "ingest")).toEqual([]);
      expect(allowedActions({ state, owner: "x" }, "admin")).toEqual(
        allowedActions({ state, owner: "x" }, "analyst"),
      );
    }
    expect(FROM.close).toEqual(["verified-absent"]);
  });

  it("build the request body with the item's version, or say what is missing", () => {
    const today = "2024-09-25";
    expect(actionBody("assign", { owner: "  Dana ", due: "2024-10-01" }, 3, today)).toEqual({
      body: { action: "assign", version: 3, owner: "Dana", due: "2024-10-01" },
    });
    expect(actionBody("assign", { owner: " " }, 3, today)).toEqual({ problem: "Name an owner." });
    expect(actionBody("assign", { owner: "a", due: "tomorrow" }, 3, today)).toHaveProperty("problem");
    expect(actionBody("schedule", {}, 1, today)).toEqual({ body: { action: "schedule", version: 1 } });
    expect(actionBody("verify", {}, 2, today)).toEqual({ body: { action: "verify", version: 2 } });
    expect(actionBody("close", { note: "done" }, 2, today)).toEqual({
      body: { action: "close", version: 2, note: "done" },
    });
    expect(actionBody("waive", { reason: "r", until: "2024-09-25" }, 1, today)).toEqual({
      problem: "A waiver must expire after today.",
    });
    expect(actionBody("waive", { reason: "", until: "2024-12-01" }, 1, today)).toHaveProperty("problem");
    expect(actionBody("waive", { reason: "r", until: "2024-12-01" }, 1, today)).toEqual({
      body: { action: "waive", version: 1, reason: "r", until: "2024-12-01" },
    });
    expect(actionBody("reopen", {}, 1, today)).toHaveProperty("problem");
  });
});

describe("role detection", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const getAs =
    (authorization: string) =>
    async <T>(path: string): Promise<T> => {
      const r = await t.app.inject({ method: "GET", url: `/api/v1${path}`, headers: { authorization } });
      if (r.statusCode < 400) return r.json() as T;
      const e = r.json().error;
      throw new ApiFailure(r.statusCode, e.code, e.message);
    };

  it("tells every role apart through the real API", async () => {
    for (const role of SERVER_ROLES) {
      expect(await detectRole(getAs(t.as[role].authorization))).toBe(role);
    }
  });

  it("passes on an unknown token (401) and a rate limit, rather than guessing a role", async () => {
    await expect(detectRole(getAs("Bearer nope"))).rejects.toMatchObject({ code: "unauthorized" });
    const limited = async <T>(): Promise<T> => {
      throw new ApiFailure(429, "rate-limited", "slow down");
    };
    await expect(detectRole(limited)).rejects.toMatchObject({ code: "rate-limited" });
  });

  it("reads the report formats from the real OpenAPI document", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    expect(reportFormats(doc)).toEqual([...REPORT_FORMATS]);
    expect(reportFormats(null)).toEqual(KNOWN_REPORT_FORMATS);
    expect(reportFormats({ paths: { "/api/v1/reports/{format}": { get: { parameters: "x" } } } })).toEqual(
      KNOWN_REPORT_FORMATS,
    );
    const odd = {
      paths: {
        "/api/v1/reports/{format}": {
          get: { parameters: [{ name: "format", schema: { enum: ["pdf", "<b>", 3] } }] },
        },
      },
    };
    expect(reportFormats(odd)).toEqual(["pdf"]);
  });
});

describe("API client", () => {
  const calls: { url: string; init: RequestInit }[] = [];
  const answer = (status: number, body: string, type = "application/json") =>
    new Response(body, { status, headers: { "content-type": type } });
  const fake = (res: () => Response | Promise<Response>) => async (url: string, init?: RequestInit) => {
    calls.push({ url, init: init ?? {} });
    return res();
  };

  it("sends the token in the Authorization header only, and leaves empty filters out", async () => {
    calls.length = 0;
    const api = new Api(
      "s3cret",
      fake(() => answer(200, "{}")),
    );
    await api.get("/hosts", { status: "affected", site: "", owner: undefined, limit: 50 });
    expect(calls[0]!.url).toBe("/api/v1/hosts?status=affected&limit=50");
    expect(calls[0]!.url).not.toContain("s3cret");
    expect(new Headers(calls[0]!.init.headers).get("authorization")).toBe("Bearer s3cret");
    expect(calls[0]!.init.credentials).toBe("omit");
    expect(queryString({ q: HOSTILE })).toBe("?q=%3Cimg+src%3Dx+onerror%3Dalert%281%29%3E");
  });

  it("turns the API's error body into its code, and anything else into a code from the status", async () => {
    const body = JSON.stringify({
      error: { code: "invalid-transition", message: "cannot close", requestId: "r" },
    });
    const api = new Api(
      "t",
      fake(() => answer(409, body)),
    );
    const e = await api.post("/campaign/items/x/transitions", {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiFailure);
    expect(e).toMatchObject({ status: 409, code: "invalid-transition", message: "cannot close" });
    expect(describeError(e).summary).toContain("not allowed from the item's current state");

    const proxy = new Api(
      "t",
      fake(() => answer(502, "<html>bad gateway</html>", "text/html")),
    );
    expect(await proxy.get("/hosts").catch((x: unknown) => x)).toMatchObject({ code: "http-502" });
    const down = new Api("t", async () => {
      throw new TypeError("Failed to fetch");
    });
    const failure = await down.get("/hosts").catch((x: unknown) => x);
    expect(failure).toMatchObject({ code: "network" });
    expect(describeError(failure).summary).toContain("could not be reached");
    expect(describeError(new Error("boom"))).toMatchObject({ code: "client", detail: "boom" });
  });
});

describe("overview sums", () => {
  const f = (host: string, product: string, cls: "installed" | "network", deadlines: string[] = []) => ({
    host,
    product,
    productName: product.toUpperCase(),
    class: cls,
    assessments: deadlines.map((d) => ({
      regime: "bis",
      profile: "us-private",
      status: "winding-down",
      obligation: "o",
      citation: "c",
      deadline: d,
    })),
  });

  it("counts findings per product and class, most first", () => {
    const rows = findingsByProduct([
      f("a", "kes", "installed"),
      f("b", "kes", "network"),
      f("c", "kes", "installed"),
      f("a", "kis", "installed"),
    ]);
    expect(rows.map((r) => [r.product, r.total, r.byClass.installed, r.byClass.network])).toEqual([
      ["kes", 3, 2, 1],
      ["kis", 1, 1, 0],
    ]);
  });

  it("lists deadlines ahead soonest first, then passed ones, with findings and distinct hosts", () => {
    const rows = deadlines(
      [
        f("a", "kes", "installed", ["2024-09-29T00:00:00-04:00"]),
        f("a", "kis", "installed", ["2024-09-29T00:00:00-04:00"]),
        f("b", "kes", "installed", ["2024-12-31", "2024-07-20T00:00:00-04:00"]),
      ],
      new Date("2024-09-25T00:00:00Z"),
    );
    expect(rows.map((r) => [r.deadline, r.findings, r.hosts, r.passed])).toEqual([
      ["2024-09-29T00:00:00-04:00", 2, 1, false],
      ["2024-12-31", 1, 1, false],
      ["2024-07-20T00:00:00-04:00", 1, 1, true],
    ]);
    expect(deadline("2024-09-29T00:00:00-04:00")).toBe("2024-09-29 00:00 UTC−04:00");
    expect(deadline("2024-09-29")).toBe("2024-09-29");
    expect(instant("2024-09-20T06:07:08.000Z")).toBe("2024-09-20 06:07 UTC");
  });

  it("lists active work items by due day from today on, with their owners", () => {
    const rows = itemsDue(
      [
        { state: "open", due: "2024-09-29", owner: null },
        { state: "assigned", due: "2024-09-29", owner: "Dana" },
        { state: "removal-scheduled", due: "2024-10-15", owner: "Ari" },
        { state: "assigned", due: "2024-09-24", owner: "Late" },
        { state: "waived", due: "2024-09-29", owner: "W" },
        { state: "closed", due: "2024-09-29", owner: "C" },
        { state: "open", due: null, owner: null },
      ],
      "2024-09-25",
    );
    expect(rows).toEqual([
      { due: "2024-09-29", items: 2, owners: ["Dana"], unassigned: 1 },
      { due: "2024-10-15", items: 1, owners: ["Ari"], unassigned: 0 },
    ]);
  });

  it("collects pages up to a limit and says when it stopped early", async () => {
    const all = Array.from({ length: 7 }, (_, i) => i);
    const page = async (cursor: string | undefined) => {
      const start = cursor ? Number(cursor) : 0;
      const items = all.slice(start, start + 3);
      return { items, total: all.length, next: start + 3 < all.length ? String(start + 3) : null };
    };
    expect(await collectPages(page, 10)).toEqual({ items: all, total: 7, complete: true });
    expect(await collectPages(page, 2)).toEqual({ items: [0, 1, 2, 3, 4, 5], total: 7, complete: false });
  });

  it("keeps a trail of cursors so a keyset list can go back", () => {
    let t = firstPage();
    expect(currentCursor(t)).toBeUndefined();
    t = nextPage(nextPage(t, "c2"), "c3");
    expect([pageNumber(t), currentCursor(t)]).toEqual([3, "c3"]);
    t = previousPage(t);
    expect([pageNumber(t), currentCursor(t)]).toEqual([2, "c2"]);
    expect(previousPage(previousPage(t))).toEqual(firstPage());
  });
});

describe("burn-down chart geometry", () => {
  it("rounds the axis up and draws every day, zero at the bottom and the top at the axis maximum", () => {
    expect([niceMax(0), niceMax(1), niceMax(7), niceMax(17), niceMax(230)]).toEqual([1, 1, 10, 20, 500]);
    const g = chartGeometry(
      {
        from: "2024-09-20",
        to: "2024-09-23",
        by: "status",
        days: ["2024-09-20", "2024-09-21", "2024-09-22", "2024-09-23"],
        series: [
          { key: "open", counts: [20, 15, 5, 0] },
          { key: "closed", counts: [0, 5, 15, 20] },
        ],
        open: [20, 15, 5, 0],
      },
      640,
      220,
    );
    expect(g.yMax).toBe(20);
    const points = (d: string) =>
      d
        .slice(1)
        .split("L")
        .map((p) => p.split(",").map(Number));
    const active = points(g.active.d);
    expect(active).toHaveLength(4);
    expect(active[0]).toEqual([g.plot.left, g.plot.top]);
    expect(active[3]).toEqual([g.plot.right, g.plot.bottom]);
    expect(g.series.map((s) => [s.key, s.last])).toEqual([
      ["open", 0],
      ["closed", 20],
    ]);
    expect(g.xLabels.map((l) => l.text)).toEqual(["2024-09-20", "2024-09-21", "2024-09-23"]);
    expect(g.yTicks.map((t) => t.value)).toEqual([0, 4, 8, 12, 16, 20]);
  });

  it("draws a single day as a flat line", () => {
    const g = chartGeometry({
      from: "d",
      to: "d",
      by: "status",
      days: ["2024-09-20"],
      series: [],
      open: [3],
    });
    expect(points(g.active.d)).toHaveLength(2);
    function points(d: string) {
      return d.slice(1).split("L");
    }
  });
});

describe("addresses", () => {
  it("keeps host filters in the address bar and turns the last-seen days into API instants", () => {
    const search = searchFromFilters({
      status: "affected",
      product: "kes",
      seenFrom: "2024-09-01",
      seenTo: "2024-09-30",
    });
    expect(filtersFromSearch(search)).toEqual({
      status: "affected",
      product: "kes",
      seenFrom: "2024-09-01",
      seenTo: "2024-09-30",
    });
    expect(hostQuery(filtersFromSearch(search))).toMatchObject({
      seenSince: "2024-09-01T00:00:00Z",
      seenBefore: "2024-10-01T00:00:00Z",
    });
    expect(filtersFromSearch("?status=bogus&seenFrom=yesterday&site=%20")).toEqual({});
  });

  it("routes every screen and round-trips any host key, hostile ones included", () => {
    for (const key of [HOSTILE, "asset:tg-4000 firmware@4.2.1", "ws1.corp.example", "a/b?c#d%"]) {
      expect(matchRoute(hostPath(key))).toEqual({ screen: "host", key });
      expect(hostPath(key)).not.toMatch(/[<>"' ]/);
    }
    expect(matchRoute("/")).toEqual({ screen: "overview" });
    expect(matchRoute("/items/")).toEqual({ screen: "items" });
    expect(matchRoute("/hosts/%E0%A4%A")).toEqual({ screen: "missing", path: "/hosts/%E0%A4%A" });
    expect(matchRoute("/nope").screen).toBe("missing");
  });
});
