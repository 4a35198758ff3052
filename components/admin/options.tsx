// The <option>s of a select built from a list: one key, value and label per item.
import type { ReactNode } from 'react'

export function Options<T>({
  items,
  value,
  label,
}: {
  items: readonly T[]
  value: (item: T) => string
  label: (item: T) => ReactNode
}) {
  return items.map((item) => (
    <option key={value(item)} value={value(item)}>
      {label(item)}
    </option>
  ))
}
