import { statSync } from "node:fs";
import type { ImportContext } from "../types.js";
import { isoFromParts, MONTHS } from "./log-time.js";

type YearSource = "option" | "context" | "mtime" | "today";

const DESCRIBE: Record<YearSource, string> = {
  option: "from --year",
  context: "from dated records in the same file",
  mtime: "from the file's modification time",
  today: "from today's date (no --year, no dated record, no file date)",
};

/** `May  8 01:57:00` (BSD syslog, dnsmasq, iptables): month, space-padded day, time; no year. */
export const SYSLOG_STAMP = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/;

/**
 * Gives BSD-syslog times a year and says where it came from. `--year` is the year of the first
 * record (a later January after a December moves it on); otherwise a dated record in the file
 * (Infoblox lines carry one), otherwise the file's modification time, which ends the file, so a
 * month after it belongs to the year before; otherwise today. Times carry no zone and are read as UTC.
 */
export class SyslogClock {
  private source: YearSource;
  private year: number;
  private readonly given: number | undefined;
  private readonly end: Date | undefined;
  private lastMonth = -1;
  private used = false;

  constructor(ctx: ImportContext, now: Date = new Date()) {
    this.given = ctx.options.year;
    if (ctx.options.year !== undefined) {
      this.source = "option";
      this.year = ctx.options.year;
      return;
    }
    let end: Date | undefined;
    const path = ctx.input.source.path;
    if (path) {
      try {
        end = statSync(path).mtime;
      } catch {
        end = undefined;
      }
    }
    this.source = end ? "mtime" : "today";
    this.end = end ?? now;
    this.year = this.end.getUTCFullYear();
  }

  /** A record that carries its own full date: its year anchors the year-less ones near it. */
  anchor(year: number, month: number): void {
    if (this.source === "option") return;
    this.source = "context";
    this.year = year;
    this.lastMonth = month;
  }

  /** The ISO time of a year-less syslog stamp (a regex match of SYSLOG_STAMP), or undefined. */
  at(m: RegExpExecArray): string | undefined {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month === undefined) return undefined;
    const day = Number(m[2]);
    let year = this.year;
    if (this.source === "mtime" || this.source === "today") {
      const end = this.end!;
      const after = month > end.getUTCMonth() || (month === end.getUTCMonth() && day > end.getUTCDate());
      if (after) year--;
    } else {
      if (this.lastMonth >= 0 && month < this.lastMonth - 6) {
        // December, then January: the year moved on
        this.year = ++year;
        this.lastMonth = month;
      } else if (this.lastMonth >= 0 && month > this.lastMonth + 6) year--;
      else this.lastMonth = month;
    }
    this.used = true;
    const ms = Number((m[6] ?? "").padEnd(3, "0").slice(0, 3));
    return isoFromParts(year, month, day, Number(m[3]), Number(m[4]), Number(m[5]), ms);
  }

  /** One info issue per file saying which year was used, when any year-less time was read. */
  report(ctx: ImportContext): void {
    if (!this.used) return;
    const which =
      this.source === "option"
        ? `${this.given} taken from --year${this.year !== this.given ? ` (moving on to ${this.year} after December)` : ""}`
        : this.source === "context"
          ? "the year taken from dated records in the same file"
          : `the year taken ${DESCRIBE[this.source]} (${this.end!.toISOString().slice(0, 10)}; months after it fall in the year before)`;
    ctx.sink.issue({
      code: "syslog-year",
      severity: "info",
      message: `syslog timestamps carry no year or zone: ${which}; times read as UTC`,
    });
  }
}
