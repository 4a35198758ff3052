import { diffWords } from 'diff'

/** Word-level difference between two texts: removed words struck through, added ones highlighted. */
export function TextDiff({ before, after }: { before: string; after: string }) {
  const parts = diffWords(before, after)
  return (
    <div className="diff">
      {parts.map((part, i) =>
        part.added ? (
          <ins key={i}>{part.value}</ins>
        ) : part.removed ? (
          <del key={i}>{part.value}</del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </div>
  )
}
