import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { familyRuleFromCatalog } from "../../screen/family-rule.js";
import { readVendorMaster, VendorInputError } from "../../screen/input/vendor-master.js";
import { defaultCacheDir } from "../../screen/lists/cache.js";
import { ListsMissingError, loadLists } from "../../screen/lists/load-lists.js";
import { renderScreenCsv } from "../../screen/render/csv.js";
import { renderScreenHtml } from "../../screen/render/html.js";
import { renderScreenJson } from "../../screen/render/json.js";
import { buildReport, type ScreenedRow } from "../../screen/report.js";
import { screenRows } from "../../screen/screen-rows.js";
import { Screener } from "../../screen/screener.js";
import { ApiError } from "../errors.js";
import { Answer, route } from "../route.js";
import { flag, text } from "../schemas.js";
import { uploadParts } from "../upload.js";

const RENDER = {
  json: { type: "application/json; charset=utf-8", render: renderScreenJson },
  csv: { type: "text/csv; charset=utf-8", render: renderScreenCsv },
  html: { type: "text/html; charset=utf-8", render: renderScreenHtml },
} as const;

/**
 * Screening of an uploaded vendor master against the cached Consolidated Screening List, OFAC SDN
 * and the catalogue's entities, as `offramp screen` does. Nothing is stored: the upload goes to a
 * private temporary folder and is removed when the answer is sent.
 */
export function screenRoutes() {
  return [
    route({
      method: "POST",
      url: "/api/v1/screen",
      access: "read",
      tag: "screening",
      summary:
        "Screen an uploaded vendor list (CSV or JSON, raw body or multipart) against the screening lists",
      query: z.object({
        name: z.string().max(255).optional(),
        nameColumn: text(100).optional(),
        countryColumn: text(100).optional(),
        addressColumn: text(100).optional(),
        catalogOnly: flag.optional(),
        format: z.enum(["json", "csv", "html"]).default("json"),
      }),
      rawBody: true,
      produces: Object.values(RENDER).map((r) => r.type),
      timeout: false,
      async handler({ req, deps, query }) {
        let lists: ReturnType<typeof loadLists>;
        const cacheDir = deps.listsDir ?? defaultCacheDir(undefined);
        try {
          lists = loadLists({
            cacheDir,
            catalog: deps.catalog,
            ...(query.catalogOnly && { catalogOnly: true }),
          });
        } catch (e) {
          if (e instanceof ListsMissingError) {
            throw new ApiError(
              "unavailable",
              "no screening lists are cached on the server: run `offramp lists update` there, or pass catalogOnly=true",
            );
          }
          throw e;
        }
        const screener = new Screener(lists.parties, { familyRule: familyRuleFromCatalog(deps.catalog) });
        const dir = await mkdtemp(join(tmpdir(), "offramp-screen-"));
        try {
          const rows: ScreenedRow[] = [];
          const inputs: Parameters<typeof buildReport>[1] = [];
          const issues = [];
          let n = 0;
          for await (const part of uploadParts(req, query.name, deps.limits.uploadBytes)) {
            const path = join(dir, String(n++));
            await pipeline(part.stream, createWriteStream(path, { mode: 0o600 }));
            if (part.tooLarge()) throw new ApiError("payload-too-large", `${part.name} is too large`);
            let vendor: Awaited<ReturnType<typeof readVendorMaster>>;
            try {
              vendor = await readVendorMaster(
                path,
                {
                  ...(query.nameColumn && { nameColumn: query.nameColumn }),
                  ...(query.countryColumn && { countryColumn: query.countryColumn }),
                  ...(query.addressColumn && { addressColumn: query.addressColumn }),
                },
                part.name,
              );
            } catch (e) {
              if (e instanceof VendorInputError) throw new ApiError("unreadable-input", e.message);
              throw e;
            }
            inputs.push({
              file: vendor.file,
              sha256: vendor.sha256,
              rows: vendor.rows.length,
              nameColumn: vendor.columns.name,
            });
            issues.push(...vendor.issues);
            rows.push(...screenRows(vendor, screener));
          }
          if (inputs.length === 0) throw new ApiError("bad-request", "empty upload");
          const out = RENDER[query.format];
          return new Answer(out.render(buildReport(lists, inputs, rows, issues)), 200, out.type);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    }),
  ];
}
