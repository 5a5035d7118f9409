import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../test/server-app.js";
import { ROLES } from "../store/tokens.js";
import { ACCESS, type RouteSpec } from "./route.js";

const SAMPLE_PARAMS: Record<string, string> = {
  key: "no-such-host",
  id: "0000000000000000",
  format: "json",
};

function request(spec: RouteSpec) {
  const url = spec.url.replace(/:(\w+)/g, (_, p: string) => SAMPLE_PARAMS[p] ?? "x");
  if (spec.rawBody)
    return { method: spec.method, url, headers: { "content-type": "text/plain" }, payload: "not an input" };
  if (spec.method === "POST" || spec.method === "PATCH") return { method: spec.method, url, payload: {} };
  return { method: spec.method, url };
}

describe("every route checks the token and the role", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("covers the whole route table", () => {
    expect(t.app.routeSpecs.length).toBeGreaterThanOrEqual(18);
  });

  it("answers 401 with no token, a wrong token or a revoked one", async () => {
    const revoked = await t.store.tokens.create("admin", "gone", "test", t.clock.now);
    await t.store.tokens.revoke(revoked.id, "test", t.clock.now);
    for (const spec of t.app.routeSpecs.filter((s) => s.access !== "public")) {
      for (const authorization of [undefined, "Bearer nope", `Bearer ${revoked.token}`, "Basic abc"]) {
        const r = await t.app.inject({
          ...request(spec),
          ...(authorization && { headers: { authorization } }),
        } as never);
        expect(r.statusCode, `${spec.method} ${spec.url} with ${authorization}`).toBe(401);
        expect(r.json().error.code).toBe("unauthorized");
      }
    }
  });

  it("answers 403 to every role the route does not admit, and lets the others through", async () => {
    for (const spec of t.app.routeSpecs) {
      for (const role of ROLES) {
        const base = request(spec);
        const r = await t.app.inject({
          ...base,
          headers: { ...("headers" in base ? base.headers : {}), ...t.as[role] },
        } as never);
        const allowed = spec.access === "public" || (ACCESS[spec.access] as readonly string[]).includes(role);
        const what = `${role} → ${spec.method} ${spec.url}: ${r.statusCode} ${r.body.slice(0, 200)}`;
        if (allowed) expect([401, 403, 500], what).not.toContain(r.statusCode);
        else {
          expect(r.statusCode, what).toBe(403);
          expect(r.json().error.code).toBe("forbidden");
        }
      }
    }
  });

  it("leaves health, readiness and the OpenAPI document open", async () => {
    for (const url of ["/api/v1/health", "/api/v1/ready", "/api/v1/openapi.json"]) {
      expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(200);
    }
  });
});
