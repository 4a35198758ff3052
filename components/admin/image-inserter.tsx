// Picking an image from the media library to insert into a post's body, at the cursor.

export interface MediaChoice {
  id: string
  url: string
  alt: string
  /** A responsive <img> with the generated sizes. */
  html: string
}

/** The body with the image's markup inserted at `at` (the cursor), as a paragraph of its own. */
export function withImage(source: string, at: number, item: MediaChoice): string {
  return `${source.slice(0, at)}\n\n${item.html}\n\n${source.slice(at)}`
}

/** The library's latest images, each a button inserting it. Nothing when the library is empty. */
export function ImageInserter({ media, onInsert }: { media: MediaChoice[]; onInsert: (item: MediaChoice) => void }) {
  if (media.length === 0) return null
  return (
    <details>
      <summary>Insert an image</summary>
      <ul className="media-picker">
        {media.slice(0, 30).map((m) => (
          <li key={m.id}>
            <button type="button" className="secondary" onClick={() => onInsert(m)}>
              Insert “{m.alt}”
            </button>
          </li>
        ))}
      </ul>
    </details>
  )
}
