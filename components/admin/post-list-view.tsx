// The admin's posts and pages list: status tabs, filters, and the table of what they select.
import Link from 'next/link'
import { requireUser } from '@/lib/auth/session'
import { listAdminPosts, listFilterChoices, type AdminStatusFilter } from '@/lib/posts/admin-queries'
import { parsePageParam } from '@/lib/pagination'
import { firstParam } from '@/lib/search-params'
import { getSettings } from '@/lib/settings/queries'
import { Field } from '../field'
import { PostTable } from './post-table'
import { Options } from './options'

const STATUSES: { key: AdminStatusFilter; label: string }[] = [
  { key: 'all', label: 'All' },
  { key: 'draft', label: 'Drafts' },
  { key: 'scheduled', label: 'Scheduled' },
  { key: 'published', label: 'Published' },
  { key: 'trash', label: 'Trash' },
]

type Search = Record<string, string | string[] | undefined>

/** The posts (or pages) list with status tabs and counts, filters and search. */
export async function PostListView({ type, searchParams }: { type: 'POST' | 'PAGE'; searchParams: Promise<Search> }) {
  const base = type === 'PAGE' ? '/admin/pages' : '/admin/posts'
  const user = await requireUser(base)
  const params = await searchParams
  const status = (STATUSES.find((s) => s.key === firstParam(params.status))?.key ?? 'all') as AdminStatusFilter
  const filter = {
    type,
    status,
    tag: firstParam(params.tag) || undefined,
    authorId: user.role === 'ADMIN' ? firstParam(params.author) || undefined : undefined,
    q: firstParam(params.q)?.slice(0, 200) || undefined,
    page: parsePageParam(firstParam(params.page)) ?? 1,
  }
  const [{ posts, counts }, choices, settings] = await Promise.all([
    listAdminPosts(user, filter),
    listFilterChoices(),
    getSettings(),
  ])
  const title = type === 'PAGE' ? 'Pages' : 'Posts'
  return (
    <>
      <div className="filters" style={{ justifyContent: 'space-between' }}>
        <h1>{title}</h1>
        <Link className="button" href={type === 'PAGE' ? '/admin/pages/new' : '/admin/posts/new'}>
          {type === 'PAGE' ? 'New page' : 'Write a post'}
        </Link>
      </div>
      {firstParam(params.trashed) && (
        <p className="notice success" role="status">
          Moved to the trash. You can restore it from the Trash tab.
        </p>
      )}
      {firstParam(params.deleted) && (
        <p className="notice success" role="status">
          Deleted for good.
        </p>
      )}
      <nav aria-label={`${title} by status`}>
        <ul className="tabs">
          {STATUSES.map((s) => (
            <li key={s.key}>
              <Link href={`${base}?status=${s.key}`} aria-current={s.key === status ? 'page' : undefined}>
                {s.label} ({counts[s.key]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form className="filters" method="get" action={base} role="search" aria-label={`Filter ${title.toLowerCase()}`}>
        <input type="hidden" name="status" value={status} />
        <Field id="filter-q" label="Search">
          {(control) => <input {...control} name="q" type="search" defaultValue={filter.q ?? ''} />}
        </Field>
        {type === 'POST' && (
          <Field id="filter-tag" label="Tag">
            {(control) => (
              <select {...control} name="tag" defaultValue={filter.tag ?? ''}>
                <option value="">Any tag</option>
                <Options items={choices.tags} value={(t) => t.slug} label={(t) => t.name} />
              </select>
            )}
          </Field>
        )}
        {user.role === 'ADMIN' && (
          <Field id="filter-author" label="Author">
            {(control) => (
              <select {...control} name="author" defaultValue={filter.authorId ?? ''}>
                <option value="">Anyone</option>
                <Options items={choices.authors} value={(a) => a.id} label={(a) => a.name} />
              </select>
            )}
          </Field>
        )}
        <button type="submit">Filter</button>
      </form>
      <PostTable posts={posts} timezone={settings.timezone} locale={settings.locale} now={new Date()} />
    </>
  )
}
