import type { Metadata } from 'next'
import Link from 'next/link'
import { LinkLanding } from '@/components/link-landing'
import { firstParam } from '@/lib/search-params'

export const metadata: Metadata = { title: 'Comment moderated', robots: { index: false } }

const DONE = { APPROVED: 'approved', SPAM: 'marked as spam', TRASH: 'moved to the trash' } as const

export default function ModeratedPage(props: PageProps<'/moderate/done'>) {
  return (
    <LinkLanding labelledBy="moderated-title">
      <Moderated searchParams={props.searchParams} />
    </LinkLanding>
  )
}

async function Moderated({ searchParams }: Pick<PageProps<'/moderate/done'>, 'searchParams'>) {
  const params = await searchParams
  const status = firstParam(params.status) as keyof typeof DONE | undefined
  // Only a path of this site, as the action wrote it.
  const path = firstParam(params.path) ?? ''
  const postPath = /^\/(posts\/)?[\w-]+$/.test(path) ? path : null
  return (
    <>
      <h1 id="moderated-title">Done</h1>
      <p role="status">The comment is {(status && DONE[status]) ?? 'moderated'}.</p>
      <p>
        {postPath && (
          <>
            <Link prefetch={false} href={postPath}>
              See the post
            </Link>{' '}
            ·{' '}
          </>
        )}
        <Link prefetch={false} href="/admin/comments">
          Open the moderation queue
        </Link>
      </p>
    </>
  )
}
