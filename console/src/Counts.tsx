import { count } from './format';

export interface TableCount {
  readonly table: string;
  readonly category: string;
  readonly count: number;
}

/** Per-table counts grouped by category, in the order the service gives them (parents first). */
export function groupByCategory<T extends TableCount>(counts: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const c of counts) {
    const group = groups.get(c.category) ?? [];
    group.push(c);
    groups.set(c.category, group);
  }
  return [...groups];
}

/**
 * Rows per category (with its subtotal) and, beside it, per table; then the total. One line per
 * category keeps some seventy tables readable in a dialog.
 */
export function Counts({
  counts,
  total,
  caption,
}: {
  counts: readonly TableCount[];
  total: number;
  caption: string;
}) {
  return (
    <table className="counts">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col" className="number">
            Rows
          </th>
          <th scope="col">Per table</th>
        </tr>
      </thead>
      <tbody>
        {groupByCategory(counts).map(([category, rows]) => (
          <tr key={category} data-category={category}>
            <th scope="row">{category}</th>
            <td className="number" data-subtotal>
              {count(rows.reduce((n, r) => n + r.count, 0))}
            </td>
            <td>
              <ul className="per-table">
                {rows.map((r) => (
                  <li key={r.table} data-table={r.table}>
                    <code>{r.table}</code> <span className="n">{count(r.count)}</span>
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className="number" data-total>
            {count(total)}
          </td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
