import type { readVendorMaster } from "./input/vendor-master.js";
import { countryCode } from "./lists/countries.js";
import type { ScreenedRow } from "./report.js";
import type { Screener } from "./screener.js";

type VendorMaster = Awaited<ReturnType<typeof readVendorMaster>>;

/** Every row of a vendor master screened with its country, address, websites and ids; one place for the CLI and the API. */
export function screenRows(vendor: VendorMaster, screener: Screener): ScreenedRow[] {
  return vendor.rows.map((row) => {
    const country = countryCode(row.country);
    const result = screener.screen({
      name: row.name,
      ...(country && { country }),
      ...(row.address && { address: row.address }),
      ...(row.websites.length > 0 && { websites: row.websites }),
      ...(row.ids.length > 0 && { ids: row.ids }),
    });
    return {
      file: vendor.file,
      record: row.record,
      fields: row.fields,
      name: row.name,
      result,
      ...(row.line !== undefined && { line: row.line }),
    };
  });
}
