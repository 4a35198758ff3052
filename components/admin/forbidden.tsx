/** Shown when a signed-in author opens an ADMIN-only page. */
export function Forbidden() {
  return (
    <section aria-labelledby="forbidden-heading">
      <h1 id="forbidden-heading">Not allowed</h1>
      <p>Only an administrator can open this page.</p>
    </section>
  )
}
