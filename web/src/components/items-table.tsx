import { useState } from "react";
import type { ItemRow } from "../api/types.js";
import { day, instant } from "../lib/format.js";
import { can } from "../lib/roles.js";
import { hostPath } from "../lib/routes.js";
import { ItemActions } from "./item-actions.js";
import { Link } from "./router.js";
import { useSession } from "./session.js";

/**
 * Rows as last read, with the items moved since put in their place; a new read (`source`)
 * replaces them all.
 */
export function useItemRows(source: object | undefined, items: ItemRow[] | undefined) {
  const [moved, setMoved] = useState<{ of: object | undefined; byId: Record<string, ItemRow> }>({
    of: undefined,
    byId: {},
  });
  const byId = moved.of === source ? moved.byId : {};
  const rows = (items ?? []).map((r) => byId[r.id] ?? r);
  const replace = (item: ItemRow) =>
    setMoved((m) => ({ of: source, byId: { ...(m.of === source ? m.byId : {}), [item.id]: item } }));
  return { rows, replace };
}

export function ItemsTable(props: { items: ItemRow[]; onChange(item: ItemRow): void; showHost?: boolean }) {
  const { role } = useSession();
  const changes = can(role, "change");
  return (
    <table className="items" data-testid="items">
      <thead>
        <tr>
          {props.showHost !== false && <th scope="col">Host</th>}
          <th scope="col">Product</th>
          <th scope="col">State</th>
          <th scope="col">Owner</th>
          <th scope="col">Due</th>
          <th scope="col">Removal / waiver</th>
          {changes && <th scope="col">Move</th>}
        </tr>
      </thead>
      <tbody>
        {props.items.map((i) => (
          <tr key={i.id} data-item={i.id} data-state={i.state}>
            {props.showHost !== false && (
              <td>
                <Link to={hostPath(i.host)}>{i.host}</Link>
                {i.site && <span className="tag">{i.site}</span>}
              </td>
            )}
            <td>
              {i.productName}
              <span className="sub">
                {i.class} · {i.confidence}
              </span>
            </td>
            <td>
              <span className={`state state-${i.state}`} data-testid="item-state">
                {i.state}
              </span>
            </td>
            <td>{i.owner ?? ""}</td>
            <td className={i.overdue ? "overdue" : ""}>
              {day(i.due)}
              {i.overdue ? " (overdue)" : ""}
            </td>
            <td>
              {i.scheduledFor && <span>removal {i.scheduledFor}</span>}
              {i.waiver && (
                <span>
                  waived until {instant(i.waiver.until)} by {i.waiver.by}: {i.waiver.reason}
                </span>
              )}
              {i.note && <span className="sub">{i.note}</span>}
            </td>
            {changes && (
              <td>
                <ItemActions item={i} onChange={props.onChange} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
