import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { dirname, extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** `npm run build:web` writes the dashboard here (the package ships it beside dist/). */
export const DEFAULT_WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../web/dist");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/**
 * The dashboard reads the API of its own origin and runs no inline script or style, so the
 * browser may refuse everything else: an input's value that ever reached the page as markup
 * still could not run or load anything.
 */
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

/** Vite names what it writes here after the content's hash: such a file never changes. */
const HASHED = "assets";
const LONG_CACHE = "public, max-age=31536000, immutable";

const NOT_BUILT =
  "The offramp dashboard is not built. Run `npm run build:web`, then reload this page. The API is at /api/v1 (OpenAPI: /api/v1/openapi.json).\n";

/** The request path's segments, or undefined when it could name something outside the folder. */
function segments(url: string): string[] | undefined {
  const path = url.split("?")[0]!.split("#")[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const parts = decoded.split("/").filter((s) => s !== "");
  // dot files and `..` are never served: nothing hidden leaks and nothing climbs out
  if (parts.some((s) => s.startsWith("."))) return undefined;
  return parts;
}

async function regularFile(path: string) {
  try {
    const s = await stat(path);
    return s.isFile() ? s : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The dashboard at `/`: files from the built web app, and index.html for every other path that is
 * not the API's (the app routes in the browser). No directory is ever listed. Paths under
 * `/api/` keep the API's own JSON 404.
 */
export function webRoutes(app: FastifyInstance, dir: string = DEFAULT_WEB_DIR): void {
  const root = resolve(dir);
  const index = resolve(root, "index.html");

  const send = async (req: FastifyRequest, reply: FastifyReply, file: string, cache: string) => {
    const s = await regularFile(file);
    if (!s) return undefined;
    const etag = `W/"${s.size.toString(16)}-${Math.trunc(s.mtimeMs).toString(16)}"`;
    reply
      .headers(SECURITY_HEADERS)
      .header("cache-control", cache)
      .header("etag", etag)
      .header("last-modified", s.mtime.toUTCString());
    if (req.headers["if-none-match"] === etag) return reply.status(304).send();
    return reply
      .type(TYPES[extname(file).toLowerCase()] ?? "application/octet-stream")
      .header("content-length", s.size)
      .send(createReadStream(file));
  };

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split("?")[0]!;
    if (path === "/api" || path.startsWith("/api/")) return reply.callNotFound();
    const parts = segments(req.url);
    if (!parts) return reply.status(404).type("text/plain; charset=utf-8").send("not found\n");
    if (!(await regularFile(index))) {
      return reply.status(404).type("text/plain; charset=utf-8").send(NOT_BUILT);
    }
    if (parts.length > 0) {
      const file = resolve(root, ...parts);
      if (file.startsWith(root + sep)) {
        const hashed = parts[0] === HASHED;
        const sent = await send(req, reply, file, hashed ? LONG_CACHE : "no-cache");
        if (sent) return sent;
        // a missing script or style must fail as such, not arrive as a page of HTML
        if (hashed) return reply.status(404).type("text/plain; charset=utf-8").send("not found\n");
      }
    }
    return (
      (await send(req, reply, index, "no-cache")) ??
      reply.status(404).type("text/plain; charset=utf-8").send(NOT_BUILT)
    );
  };

  app.get("/", handler);
  app.get("/*", handler);
}
