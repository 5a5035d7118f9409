/**
 * Many rows in one statement: each column travels as one array parameter and `unnest` turns them
 * back into rows. Faster than a JSON recordset on both engines, and every value stays bound.
 */
export type ColumnType = "text" | "bigint" | "integer" | "boolean" | "timestamptz" | "date" | "jsonb";

export interface Unnested {
  /** `unnest($n::text[], …) AS r(a, b, …)`, for the FROM clause. */
  from: string;
  /** `r.a, r.b::jsonb, …` in column order, for the SELECT list. */
  select: string;
  params: unknown[];
}

/** `first` is the number of the first placeholder (parameters before it are the caller's). */
export function unnest(
  columns: readonly (readonly [name: string, type: ColumnType])[],
  rows: readonly Record<string, unknown>[],
  first = 1,
): Unnested {
  const params = columns.map(([name, type]) =>
    rows.map((r) => {
      const v = r[name] ?? null;
      return type === "jsonb" && v !== null ? JSON.stringify(v) : v;
    }),
  );
  const arrays = columns.map(([, type], i) => `$${first + i}::${type === "jsonb" ? "text" : type}[]`);
  return {
    from: `unnest(${arrays.join(", ")}) AS r(${columns.map(([n]) => n).join(", ")})`,
    select: columns.map(([n, type]) => (type === "jsonb" ? `r.${n}::jsonb` : `r.${n}`)).join(", "),
    params,
  };
}
