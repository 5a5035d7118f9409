/**
 * A small RFC 4180 reader that works a line at a time: quoted fields with doubled quotes, quoted
 * line breaks (the caller joins physical lines while `openQuote` says a record is unfinished), and
 * a space after the separator before a quote, as some exporters write it.
 */
export function splitCsvLine(line: string, sep: string, limit = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i <= n && out.length < limit) {
    while (line[i] === " " && line[i + 1] === '"') i++;
    if (line[i] === '"') {
      let value = "";
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) {
          value += line.slice(j);
          j = n;
          break;
        }
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      const next = line.indexOf(sep, j);
      out.push(next < 0 ? value + line.slice(j).trimEnd() : value + line.slice(j, next).trimEnd());
      if (next < 0) break;
      i = next + sep.length;
    } else {
      const next = line.indexOf(sep, i);
      if (next < 0) {
        out.push(line.slice(i));
        break;
      }
      out.push(line.slice(i, next));
      i = next + sep.length;
    }
  }
  return out;
}

/** True when the line leaves a quoted field open (odd number of quote characters so far). */
export function openQuote(text: string): boolean {
  let count = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) count++;
  return count % 2 === 1;
}

/** The separator used by a header line: the most frequent of comma, semicolon and tab outside quotes. */
export function detectSeparator(header: string): string {
  const unquoted = header.replace(/"[^"]*"/g, "");
  let best = ",";
  let bestCount = -1;
  for (const sep of [",", ";", "\t"]) {
    const count = unquoted.split(sep).length - 1;
    if (count > bestCount) {
      best = sep;
      bestCount = count;
    }
  }
  return best;
}
