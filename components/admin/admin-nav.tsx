import Link from 'next/link'
import type { CurrentUser } from '@/lib/auth/session'
import { SignOutButton } from './sign-out-button'

export function AdminNav({ user }: { user: CurrentUser }) {
  const links = [
    { href: '/admin', label: 'Dashboard' },
    { href: '/admin/posts', label: 'Posts' },
    { href: '/admin/posts/new', label: 'Write' },
    { href: '/admin/pages', label: 'Pages' },
    { href: '/admin/comments', label: 'Comments' },
    { href: '/admin/media', label: 'Media' },
    { href: '/admin/profile', label: 'Profile' },
    ...(user.role === 'ADMIN'
      ? [
          { href: '/admin/settings', label: 'Settings' },
          { href: '/admin/users', label: 'Users' },
          { href: '/admin/mail', label: 'Mail' },
          { href: '/admin/fediverse', label: 'Fediverse' },
          { href: '/admin/import', label: 'Import' },
          { href: '/admin/export', label: 'Export' },
        ]
      : []),
  ]
  return (
    <header className="admin-header">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <p className="admin-brand">
        {/* No prefetch: a background render of the home page racing an author's save could cache old data. */}
        <Link href="/" prefetch={false}>
          ← View site
        </Link>
      </p>
      <nav aria-label="Admin">
        <ul>
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href}>{link.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-user">
        <span>
          {user.name} <span className="badge">{user.role === 'ADMIN' ? 'Admin' : 'Author'}</span>
        </span>
        <SignOutButton />
      </div>
    </header>
  )
}
