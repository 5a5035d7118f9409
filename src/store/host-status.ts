import type { Queryable } from "./db.js";

/** Recomputes the products found and the finding count the host list filters on. */
export async function refreshHostProducts(tx: Queryable, hostIds: readonly number[]): Promise<void> {
  if (hostIds.length === 0) return;
  await tx.query(
    `UPDATE hosts h SET products = s.products, finding_count = s.n
     FROM (
       SELECT x.id,
         coalesce(array_agg(DISTINCT f.product ORDER BY f.product) FILTER (WHERE f.id IS NOT NULL), '{}') AS products,
         count(f.id)::int AS n
       FROM unnest($1::bigint[]) AS x(id) LEFT JOIN findings f ON f.host_id = x.id
       GROUP BY x.id
     ) s
     WHERE h.id = s.id AND (h.products <> s.products OR h.finding_count <> s.n)`,
    [hostIds],
  );
}

/** Recomputes active items and status (affected, waived, resolved, clean) from the hosts' items. */
export async function refreshHostStatus(tx: Queryable, hostIds: readonly number[]): Promise<void> {
  if (hostIds.length === 0) return;
  await tx.query(
    `UPDATE hosts h SET open_items = s.active,
       status = CASE WHEN s.active > 0 THEN 'affected' WHEN s.waived > 0 THEN 'waived'
                     WHEN s.total > 0 THEN 'resolved' ELSE 'clean' END
     FROM (
       SELECT x.id,
         count(i.id) FILTER (WHERE i.state IN ('open', 'assigned', 'removal-scheduled'))::int AS active,
         count(i.id) FILTER (WHERE i.state = 'waived')::int AS waived,
         count(i.id)::int AS total
       FROM unnest($1::bigint[]) AS x(id) LEFT JOIN items i ON i.host_id = x.id
       GROUP BY x.id
     ) s
     WHERE h.id = s.id`,
    [hostIds],
  );
}
