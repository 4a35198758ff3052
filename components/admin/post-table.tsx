// The admin's table of posts (or pages): title, status, author, tags and date, one row each.
import Link from 'next/link'
import { formatDateTime } from '@/lib/format'
import type { listAdminPosts } from '@/lib/posts/admin-queries'
import { AdminTable } from './admin-table'

type Row = Awaited<ReturnType<typeof listAdminPosts>>['posts'][number]

function statusLabel(post: Row, now: Date) {
  if (post.deletedAt) return 'In trash'
  if (post.status === 'DRAFT') return 'Draft'
  if (post.publishedAt && post.publishedAt > now) return 'Scheduled'
  return 'Published'
}

export function PostTable({
  posts,
  timezone,
  locale,
  now,
}: {
  posts: Row[]
  timezone: string
  locale: string
  now: Date
}) {
  if (posts.length === 0) return <p>Nothing here.</p>
  return (
    <AdminTable columns={['Title', 'Status', 'Author', 'Tags', 'Date']}>
      {posts.map((post) => (
        <tr key={post.id}>
          <td>
            <Link href={`/admin/posts/${post.id}`}>{post.title || '(untitled)'}</Link>
            {post._count.comments > 0 && <span className="badge">{post._count.comments} pending</span>}
          </td>
          <td>{statusLabel(post, now)}</td>
          <td>{post.author.name}</td>
          <td>{post.tags.map((t) => t.name).join(', ')}</td>
          <td>
            <time dateTime={(post.publishedAt ?? post.updatedAt).toISOString()}>
              {formatDateTime(post.publishedAt ?? post.updatedAt, { timezone, locale })}
            </time>
          </td>
        </tr>
      ))}
    </AdminTable>
  )
}
