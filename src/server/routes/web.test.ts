import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../../test/server-app.js";
import { webRoutes } from "./web.js";

const INDEX =
  '<!doctype html><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script>';

/** A built dashboard as Vite lays it out, plus things that must never be served. */
function fakeDist(): string {
  const parent = mkdtempSync(join(tmpdir(), "offramp-web-"));
  const dir = join(parent, "dist");
  mkdirSync(join(dir, "assets"), { recursive: true });
  writeFileSync(join(dir, "index.html"), INDEX);
  writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log(1)");
  writeFileSync(join(dir, "assets", "index-abc123.css"), "body{}");
  writeFileSync(join(dir, "favicon.svg"), "<svg/>");
  writeFileSync(join(dir, ".env"), "SECRET=1");
  writeFileSync(join(parent, "outside.txt"), "outside the folder");
  return dir;
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function serve(dir: string): Promise<FastifyInstance> {
  app = Fastify();
  webRoutes(app, dir);
  await app.ready();
  return app;
}

describe("dashboard files", () => {
  let dir: string;
  beforeAll(() => {
    dir = fakeDist();
  });

  it("serves index.html at / with no-cache and a strict content security policy", async () => {
    const a = await serve(dir);
    const r = await a.inject({ method: "GET", url: "/" });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(r.headers["cache-control"]).toBe("no-cache");
    expect(r.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.body).toBe(INDEX);
    const head = await a.inject({ method: "HEAD", url: "/hosts" });
    expect(head.statusCode).toBe(200);
    expect(head.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(head.body).toBe("");
  });

  it("gives hashed assets their type and a long cache; other files revalidate", async () => {
    const a = await serve(dir);
    const js = await a.inject({ method: "GET", url: "/assets/index-abc123.js" });
    expect(js.statusCode).toBe(200);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(js.body).toBe("console.log(1)");
    const css = await a.inject({ method: "GET", url: "/assets/index-abc123.css" });
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    const svg = await a.inject({ method: "GET", url: "/favicon.svg" });
    expect(svg.headers["content-type"]).toBe("image/svg+xml");
    expect(svg.headers["cache-control"]).toBe("no-cache");
  });

  it("answers a repeated request with 304 when the file is unchanged", async () => {
    const a = await serve(dir);
    const first = await a.inject({ method: "GET", url: "/favicon.svg" });
    const again = await a.inject({
      method: "GET",
      url: "/favicon.svg",
      headers: { "if-none-match": String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });

  it("answers the app's own paths with index.html (host keys with dots and colons included)", async () => {
    const a = await serve(dir);
    for (const url of [
      "/hosts",
      "/hosts/ws1.corp.example",
      "/hosts/asset%3Afield-crew-app%403.8.0",
      "/items?state=open",
      "/hosts/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    ]) {
      const r = await a.inject({ method: "GET", url });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers["content-type"], url).toBe("text/html; charset=utf-8");
      expect(r.body, url).toBe(INDEX);
    }
  });

  it("lists no directory and answers a missing asset with 404, not the page", async () => {
    const a = await serve(dir);
    const listing = await a.inject({ method: "GET", url: "/assets/" });
    expect(listing.statusCode).toBe(404);
    expect(listing.body).not.toContain("index-abc123");
    const missing = await a.inject({ method: "GET", url: "/assets/index-gone.js" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("text/plain");
  });

  it("never serves dot files or anything outside the folder", async () => {
    const a = await serve(dir);
    for (const url of [
      "/.env",
      "/../outside.txt",
      "/%2e%2e/outside.txt",
      "/assets/%2e%2e/%2e%2e/outside.txt",
      "/..%2foutside.txt",
      "/..%5coutside.txt",
      "/%00",
      "/%E0%A4%A",
    ]) {
      const r = await a.inject({ method: "GET", url });
      expect(r.body, url).not.toContain("SECRET");
      expect(r.body, url).not.toContain("outside the folder");
    }
    expect((await a.inject({ method: "GET", url: "/.env" })).statusCode).toBe(404);
  });

  it("says how to build the dashboard when it is not built", async () => {
    const a = await serve(join(mkdtempSync(join(tmpdir(), "offramp-web-")), "dist"));
    for (const url of ["/", "/hosts"]) {
      const r = await a.inject({ method: "GET", url });
      expect(r.statusCode).toBe(404);
      expect(r.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(r.body).toContain("npm run build:web");
    }
  });
});

describe("dashboard beside the API", () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("keeps the API's JSON 404 and its routes under /api/v1", async () => {
    t = await testApp();
    const unknown = await t.app.inject({ method: "GET", url: "/api/v1/no-such-route" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("not-found");
    const bare = await t.app.inject({ method: "GET", url: "/api" });
    expect(bare.json().error.code).toBe("not-found");
    const health = await t.app.inject({ method: "GET", url: "/api/v1/health" });
    expect(health.json().status).toBe("ok");
    const hosts = await t.app.inject({ method: "GET", url: "/api/v1/hosts" });
    expect(hosts.statusCode).toBe(401);
    // other methods on the dashboard's paths are not pages
    const post = await t.app.inject({ method: "POST", url: "/hosts", payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.json().error.code).toBe("not-found");
  });
});
