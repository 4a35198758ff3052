// The comment form's boxes to tick: remember the commenter in this browser, and mail about replies or new comments.

export function CommentPreferences({
  values,
  remembered,
}: {
  /** What a refused comment sends back, to tick the same boxes again. */
  values: Record<string, string>
  remembered: { name?: string }
}) {
  return (
    <>
      <label className="checkbox">
        <input type="checkbox" name="remember" defaultChecked={!!remembered.name || values.remember === 'on'} /> Save my
        name, email and website in this browser for the next time I comment
      </label>
      <label className="checkbox">
        <input type="checkbox" name="notify" defaultChecked={values.notify === 'on'} key={`n-${values.notify}`} />{' '}
        Notify me of replies by email
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          name="notifyAll"
          defaultChecked={values.notifyAll === 'on'}
          key={`na-${values.notifyAll}`}
        />{' '}
        Notify me of every new comment on this post
      </label>
    </>
  )
}
