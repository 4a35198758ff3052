import Link from 'next/link'

/** 403: what a signed-in user sees (with the status) when their role does not allow a page or an action. */
export default function Forbidden() {
  return (
    <main id="content" className="login">
      <h1>Not allowed</h1>
      <p>Your account does not have permission to do that. Ask an administrator if you need it.</p>
      <p>
        <Link href="/admin">Back to the dashboard</Link>
      </p>
    </main>
  )
}
