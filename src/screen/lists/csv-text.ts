/**
 * RFC 4180 records from a whole text: quoted fields with doubled quotes and line breaks inside. The
 * CSL packs addresses and aliases into quoted multi-line fields, so a line reader will not do.
 */
export function* csvRecords(text: string, sep = ","): Generator<{ fields: string[]; line: number }> {
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = "";
    let quoted = false;
    for (;;) {
      if (i >= n) {
        fields.push(field);
        break;
      }
      const c = text[i]!;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          if (c === "\n") line++;
          field += c;
          i++;
        }
      } else if (c === '"' && field.trim() === "") {
        quoted = true;
        field = "";
        i++;
      } else if (c === sep) {
        fields.push(field);
        field = "";
        i++;
      } else if (c === "\n" || c === "\r") {
        fields.push(field);
        if (c === "\r" && text[i + 1] === "\n") i++;
        i++;
        line++;
        break;
      } else {
        field += c;
        i++;
      }
    }
    if (fields.length === 1 && fields[0]!.trim() === "") continue;
    yield { fields, line: startLine };
  }
}
