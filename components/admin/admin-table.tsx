// The frame every admin table shares (posts, users, mail, sessions, linkbacks sent, the import report): column
// headings, the rows given, and a box that scrolls sideways on a narrow screen instead of the page.
import type { ReactNode } from 'react'

export function AdminTable({
  columns,
  label,
  children,
}: {
  columns: readonly string[]
  /** Names the scrolling box and lets the keyboard focus it: for a table that holds nothing else to focus. */
  label?: string
  /** The rows (<tr>s). */
  children: ReactNode
}) {
  const region = label ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {}
  return (
    <div className="table-scroll" {...region}>
      <table className="admin-table">
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
  )
}
