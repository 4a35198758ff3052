// The comment form's spam traps, invisible to a person: the time-trap token and the honeypot field.
import { HONEYPOT_FIELD, TOKEN_FIELD } from '@/lib/comments/fields'

/** `values` is what a refused comment sends back: its token goes out again with the retry. */
export function CommentTraps({ values, token }: { values: Record<string, string>; token: string }) {
  return (
    <>
      <input type="hidden" name={TOKEN_FIELD} value={values[TOKEN_FIELD] ?? token} />
      <div className="honeypot" aria-hidden="true">
        <label htmlFor={HONEYPOT_FIELD}>Leave this field empty</label>
        <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
    </>
  )
}
