// A post's threaded comments as one HTML string. Rendered as a React tree, fifty comments were some six
// hundred elements for the browser to hydrate and, in the page's inline React payload, a second copy of the
// list as element trees; as a string they are one element, and the payload carries the list once, as text.
import { escapeHtml } from '@/lib/content/escape'
import { formatDateTime } from '@/lib/format'
import { avatarSvg } from './avatar'
import { mediaUrl } from '@/lib/media/url'
import type { CommentNode } from './queries'

export interface CommentListOptions {
  slug: string
  canReply: boolean
  maxDepth: number
  timezone: string
  locale: string
}

/** The `<li>` items of a comment list (nested lists for replies); each comment is addressable as #comment-<id>. */
export function commentItemsHtml(comments: CommentNode[], options: CommentListOptions): string {
  return comments.map((comment) => commentHtml(comment, options)).join('')
}

function commentHtml(comment: CommentNode, options: CommentListOptions): string {
  const { slug, canReply, maxDepth, timezone, locale } = options
  const id = escapeHtml(comment.id)
  const name = escapeHtml(comment.authorName)
  // Stored addresses are http(s) (the form and the importer check), checked again: this is raw markup.
  const author =
    comment.authorUrl && /^https?:\/\//i.test(comment.authorUrl)
      ? `<a href="${escapeHtml(comment.authorUrl)}" rel="nofollow ugc noopener">${name}</a>`
      : name
  const badge = comment.userId ? '<span class="badge">Author</span>' : ''
  // A fediverse account's picture, copied to this blog (lib/federation/avatars.ts); else the drawn one.
  const avatar = comment.avatarPath
    ? `<img class="avatar" src="${escapeHtml(mediaUrl(comment.avatarPath))}" width="40" height="40" alt="" loading="lazy" decoding="async">`
    : avatarSvg(comment.avatarHash)
  // A reply from the fediverse: its account, and the way to the note where it was written.
  const handle = comment.authorHandle ? ` <span class="comment-handle">${escapeHtml(comment.authorHandle)}</span>` : ''
  const origin =
    comment.authorHandle && comment.sourceUrl && /^https?:\/\//i.test(comment.sourceUrl)
      ? ` <a class="comment-origin" href="${escapeHtml(comment.sourceUrl)}" rel="nofollow ugc noopener">on the fediverse</a>`
      : ''
  const date = `<a class="comment-date" href="#comment-${id}"><time datetime="${comment.createdAt.toISOString()}">${escapeHtml(formatDateTime(comment.createdAt, { timezone, locale }))}</time></a>`
  // WordPress's reply address; without JavaScript it opens a reply page (proxy.ts), with it the form below.
  const reply =
    canReply && comment.depth < maxDepth
      ? `<a class="comment-reply-link" href="/posts/${escapeHtml(encodeURIComponent(slug))}?replytocom=${encodeURIComponent(comment.id)}#respond" data-author="${name}">Reply<span class="visually-hidden"> to ${name}</span></a>`
      : ''
  const replies =
    comment.replies.length > 0 ? `<ol class="comment-list">${commentItemsHtml(comment.replies, options)}</ol>` : ''
  // comment.html was rendered and sanitized when the comment was stored (lib/comments/render.ts).
  return (
    `<li id="comment-${id}" class="comment"><article aria-label="Comment by ${name}">` +
    `<header class="comment-header">${avatar}<span class="comment-author">${author}${badge}</span>${handle} ${date}${origin}</header>` +
    `<div class="comment-body">${comment.html}</div>${reply}</article>${replies}</li>`
  )
}
