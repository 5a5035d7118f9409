/** DuckDB's answer to the same question, for bench/inventory/run.ts: rows naming a Kaspersky product. */
import { DuckDBInstance } from "@duckdb/node-api";

const file = process.argv[2];
if (!file) throw new Error("usage: duckdb-count.ts FILE.csv");
const db = await DuckDBInstance.create(":memory:");
const conn = await db.connect();
const sql = `SELECT count(*) AS n FROM read_csv('${file.replace(/'/g, "''")}', header = true, all_varchar = true)
  WHERE name ILIKE 'kaspersky%' OR publisher ILIKE '%kaspersky%' OR publisher ILIKE '%касперск%'`;
const reader = await conn.runAndReadAll(sql);
console.log(JSON.stringify({ matches: Number(reader.getRows()[0]![0]) }));
