import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalog } from "../../src/catalog/load.js";
import { IMPORTERS } from "../../src/importers/registry.js";
import { type App, createApp } from "../../src/server/app.js";
import { Store } from "../../src/store/store.js";
import { ROLES, type Role } from "../../src/store/tokens.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const WEB = join(ROOT, "web");
const BUILT = join(WEB, "dist", "index.html");

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === "dist" || name === "node_modules") continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/**
 * Builds web/dist when it is missing or older than the dashboard's sources, so the test always
 * drives the code in the tree and a fresh clone needs no manual `npm run build:web`.
 */
export function ensureDashboardBuilt(): void {
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestMtime(WEB)) return;
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build
  execFileSync(
    process.execPath,
    [
      join(ROOT, "node_modules/vite/bin/vite.js"),
      "build",
      "web",
      "--mode",
      "production",
      "--logLevel",
      "warn",
    ],
    { cwd: ROOT, stdio: "pipe", env: { ...process.env, NODE_ENV: "production" } },
  );
  if (!existsSync(BUILT)) throw new Error("vite build did not write web/dist/index.html");
}

export interface DashboardServer {
  app: App;
  store: Store;
  url: string;
  tokens: Record<Role, string>;
  /** GET the API as a role, for comparing what the page shows with what the API says. */
  api<T>(path: string, role?: Role): Promise<T>;
  upload(name: string, body: Buffer | string, query?: string): Promise<{ status: string }>;
  close(): Promise<void>;
}

/**
 * The real app on an ephemeral port over a PGlite workspace in a temporary folder. Its clock is
 * fixed at `now` so due dates, deadlines and overdue counts do not depend on the day the test runs.
 */
export async function startDashboardServer(now: Date): Promise<DashboardServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "offramp-dashboard-"));
  const store = await Store.open({ dataDir });
  const app = createApp({
    store,
    catalog: loadCatalog(),
    importers: IMPORTERS,
    profiles: ["us-private"],
    clock: () => now,
    limits: { perMinute: 0 },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address !== "object") throw new Error("the app is not listening");
  const url = `http://127.0.0.1:${address.port}`;
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    tokens[role] = (await store.tokens.create(role, `${role}-browser`, "test", now)).token;
  }
  const auth = (role: Role) => ({ authorization: `Bearer ${tokens[role]}` });
  return {
    app,
    store,
    url,
    tokens,
    async api<T>(path: string, role: Role = "admin"): Promise<T> {
      const r = await fetch(`${url}/api/v1${path}`, { headers: auth(role) });
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
    async upload(name, body, query = "") {
      const r = await fetch(`${url}/api/v1/inputs?name=${encodeURIComponent(name)}${query}`, {
        method: "POST",
        headers: { ...auth("ingest"), "content-type": "application/octet-stream" },
        body: typeof body === "string" ? body : new Uint8Array(body),
      });
      const json = (await r.json()) as { status: string };
      if (r.status >= 400) throw new Error(`${name}: ${r.status} ${JSON.stringify(json)}`);
      return json;
    },
    async close() {
      await app.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every file of the example estate (examples/), through the upload route as a script would send it. */
export async function ingestExamples(server: DashboardServer, observedAt: string): Promise<number> {
  let n = 0;
  for (const folder of ["inventory", "sbom", "network"]) {
    const dir = join(ROOT, "examples", folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      await server.upload(name, readFileSync(join(dir, name)), `&observedAt=${observedAt}`);
      n++;
    }
  }
  return n;
}
