import type { ReactNode } from 'react';

interface ListTableProps {
  /** The list's own class (e.g. `book-table`), for its column widths in styles.css. */
  className: string;
  /** The column headings, in order; the first column's cells are the rows' headers. */
  columns: readonly string[];
  /** True while the next page loads and these rows stay on screen. */
  isBusy: boolean;
  /** The id of the text naming which items are shown (the Pager's range). */
  describedBy: string;
  /** The rows: a `<tr>` per item, each `<td>` with a `data-label` naming its column. */
  children: ReactNode;
}

/**
 * The items of one list page: a table on wide screens, one card per row on narrow ones (the
 * `list-table` rules in styles.css), where each cell shows its `data-label` as its name.
 */
export const ListTable = ({
  className,
  columns,
  isBusy,
  describedBy,
  children,
}: ListTableProps) => (
  <div className="table-wrap">
    <table className={`list-table ${className}`} aria-busy={isBusy} aria-describedby={describedBy}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  </div>
);
