// A WordPress export as WordPress 6 writes one, of any size: the benchmark imports it and the e2e tests
// upload it. Classic and block content, categories and tags, threaded comments with trackbacks, pingbacks,
// spam and pending ones, pages, a password-protected post, attachments and menu items.
import { cdata, wpDate } from '../export/wxr'

export interface SampleOptions {
  siteUrl?: string
  posts: number
  comments: number
  /** URLs for attachment items (a local server in tests; none in the benchmark). */
  attachmentUrls?: string[]
  title?: string
  /** Post slugs are `<slugPrefix>-N`. */
  slugPrefix?: string
}

const pad = (n: number) => String(n).padStart(2, '0')

const WORDS =
  'customer service trust support team fanatical cloud hosting story answer phone email twitter listen fix promise people honest help open source server data'.split(
    ' ',
  )

function sentence(seed: number, length = 12): string {
  const words = Array.from({ length }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]!)
  return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`
}

export function sampleWxr({
  siteUrl = 'http://old-blog.example',
  posts,
  comments,
  attachmentUrls = [],
  title = 'An old WordPress blog',
  slugPrefix = 'old-post',
}: SampleOptions): string {
  const out: string[] = []
  const start = Date.UTC(2009, 0, 1, 9, 0, 0)
  out.push('<?xml version="1.0" encoding="UTF-8" ?>')
  out.push(
    '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">',
  )
  out.push('<channel>')
  out.push(`<title>${title}</title><link>${siteUrl}</link><description>Just another WordPress site</description>`)
  out.push('<language>en-US</language><wp:wxr_version>1.2</wp:wxr_version>')
  out.push(`<wp:base_site_url>${siteUrl}</wp:base_site_url><wp:base_blog_url>${siteUrl}</wp:base_blog_url>`)
  out.push(
    `<wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('oldauthor')}</wp:author_login><wp:author_email>${cdata('old.author@old-blog.example')}</wp:author_email><wp:author_display_name>${cdata('Old Author')}</wp:author_display_name></wp:author>`,
  )
  out.push(
    `<wp:author><wp:author_id>2</wp:author_id><wp:author_login>${cdata('guest')}</wp:author_login><wp:author_email>${cdata('guest@old-blog.example')}</wp:author_email><wp:author_display_name>${cdata('Guest Writer')}</wp:author_display_name></wp:author>`,
  )
  out.push(
    `<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>${cdata('uncategorized')}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata('Uncategorized')}</wp:cat_name></wp:category>`,
  )
  out.push(
    `<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>${cdata('stories')}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata('Stories')}</wp:cat_name></wp:category>`,
  )
  out.push(
    `<wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug>${cdata('support')}</wp:tag_slug><wp:tag_name>${cdata('Support')}</wp:tag_name></wp:tag>`,
  )
  out.push('<generator>https://wordpress.org/?v=6.4</generator>')

  let commentId = 0
  const perPost = posts > 0 ? Math.floor(comments / posts) : 0
  let extra = posts > 0 ? comments - perPost * posts : 0
  for (let i = 1; i <= posts; i++) {
    const id = 100 + i
    const date = new Date(start + i * 86_400_000)
    const slug = `${slugPrefix}-${i}`
    const block = i % 3 === 0
    const body = block
      ? `<!-- wp:paragraph -->\n<p>${sentence(i)} <a href="https://example.com/${i}">A link</a>.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n<p>${sentence(i + 1, 20)}</p>\n<!-- /wp:paragraph -->`
      : `${sentence(i)}\n\n${sentence(i + 1, 20)} <em>Really.</em>\nA second line.\n\n<ul>\n<li>${sentence(i + 2, 4)}</li>\n</ul>`
    const password = i === 2 ? 'letmein' : ''
    out.push('<item>')
    out.push(`<title>${cdata(`Old post ${i}: ${sentence(i, 4).slice(0, -1)}`)}</title>`)
    out.push(
      `<link>${siteUrl}/${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${slug}/</link>`,
    )
    out.push(
      `<pubDate>${date.toUTCString()}</pubDate><dc:creator>${cdata(i % 10 === 0 ? 'guest' : 'oldauthor')}</dc:creator>`,
    )
    out.push(`<guid isPermaLink="false">${siteUrl}/?p=${id}</guid><description></description>`)
    out.push(
      `<content:encoded>${cdata(body)}</content:encoded><excerpt:encoded>${cdata(i === 2 ? 'Only for friends.' : '')}</excerpt:encoded>`,
    )
    out.push(
      `<wp:post_id>${id}</wp:post_id><wp:post_date>${cdata(wpDate(new Date(date.getTime() - 6 * 3600_000)))}</wp:post_date><wp:post_date_gmt>${cdata(wpDate(date))}</wp:post_date_gmt>`,
    )
    out.push(
      `<wp:comment_status>${cdata(i % 7 === 0 ? 'closed' : 'open')}</wp:comment_status><wp:ping_status>${cdata('open')}</wp:ping_status>`,
    )
    out.push(
      `<wp:post_name>${cdata(slug)}</wp:post_name><wp:status>${cdata(i === posts && posts > 3 ? 'draft' : 'publish')}</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>`,
    )
    out.push(
      `<wp:post_type>${cdata('post')}</wp:post_type><wp:post_password>${cdata(password)}</wp:post_password><wp:is_sticky>0</wp:is_sticky>`,
    )
    out.push(
      `<category domain="category" nicename="${i % 2 ? 'stories' : 'uncategorized'}">${cdata(i % 2 ? 'Stories' : 'Uncategorized')}</category>`,
    )
    if (i % 4 === 0) out.push(`<category domain="post_tag" nicename="support">${cdata('Support')}</category>`)
    out.push(
      `<wp:postmeta><wp:meta_key>${cdata('_edit_last')}</wp:meta_key><wp:meta_value>${cdata('1')}</wp:meta_value></wp:postmeta>`,
    )
    // Comments: threads three deep, and one trackback and one pingback in every ten.
    const count = perPost + (extra-- > 0 ? 1 : 0)
    const ids: number[] = []
    for (let c = 0; c < count; c++) {
      const cid = ++commentId
      const kind = c % 10 === 8 ? 'trackback' : c % 10 === 9 ? 'pingback' : 'comment'
      const parent = kind === 'comment' && c % 3 !== 0 && ids.length ? ids[ids.length - 1]! : 0
      const approved = c % 17 === 5 ? 'spam' : c % 13 === 4 ? '0' : '1'
      const when = new Date(date.getTime() + (c + 1) * 600_000)
      const author =
        kind === 'trackback'
          ? 'Another Blog'
          : kind === 'pingback'
            ? 'Another Blog &raquo; A reply post'
            : `Reader ${cid % 97}`
      const url =
        kind === 'comment'
          ? cid % 5 === 0
            ? `https://reader${cid % 97}.example/`
            : ''
          : `https://another-blog.example/${cid}/`
      const content =
        kind === 'trackback'
          ? `<strong>A reply post</strong>\n\n${sentence(cid, 8)}`
          : kind === 'pingback'
            ? `[&#8230;] ${sentence(cid, 8)} [&#8230;]`
            : `${sentence(cid, 10)}\n\n<a href="https://example.org/${cid}">see this</a>`
      out.push(
        `<wp:comment><wp:comment_id>${cid}</wp:comment_id><wp:comment_author>${cdata(author)}</wp:comment_author><wp:comment_author_email>${cdata(kind === 'comment' ? `reader${cid % 97}@example.com` : '')}</wp:comment_author_email><wp:comment_author_url>${url}</wp:comment_author_url><wp:comment_author_IP>${cdata('203.0.113.' + (cid % 250))}</wp:comment_author_IP><wp:comment_date>${cdata(wpDate(new Date(when.getTime() - 6 * 3600_000)))}</wp:comment_date><wp:comment_date_gmt>${cdata(wpDate(when))}</wp:comment_date_gmt><wp:comment_content>${cdata(content)}</wp:comment_content><wp:comment_approved>${cdata(approved)}</wp:comment_approved><wp:comment_type>${cdata(kind === 'comment' ? '' : kind)}</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`,
      )
      if (kind === 'comment') ids.push(cid)
      if (ids.length >= 3) ids.length = 0
    }
    out.push('</item>')
  }

  // An About page, attachments and a menu item, as a real export has.
  out.push(
    `<item><title>${cdata('About')}</title><link>${siteUrl}/about/</link><dc:creator>${cdata('oldauthor')}</dc:creator><content:encoded>${cdata('I write about customers.\n\nAnd about trust.')}</content:encoded><excerpt:encoded>${cdata('')}</excerpt:encoded><wp:post_id>2</wp:post_id><wp:post_date>${cdata('2009-01-01 00:00:00')}</wp:post_date><wp:post_date_gmt>${cdata('2009-01-01 06:00:00')}</wp:post_date_gmt><wp:comment_status>${cdata('closed')}</wp:comment_status><wp:ping_status>${cdata('closed')}</wp:ping_status><wp:post_name>${cdata('about')}</wp:post_name><wp:status>${cdata('publish')}</wp:status><wp:post_parent>0</wp:post_parent><wp:post_type>${cdata('page')}</wp:post_type><wp:post_password>${cdata('')}</wp:post_password><wp:is_sticky>0</wp:is_sticky></item>`,
  )
  attachmentUrls.forEach((url, n) => {
    const id = 90_000 + n
    out.push(
      `<item><title>${cdata(`Picture ${n + 1}`)}</title><link>${siteUrl}/?attachment_id=${id}</link><dc:creator>${cdata('oldauthor')}</dc:creator><content:encoded>${cdata('')}</content:encoded><excerpt:encoded>${cdata('')}</excerpt:encoded><wp:post_id>${id}</wp:post_id><wp:post_date>${cdata('2009-01-02 00:00:00')}</wp:post_date><wp:post_date_gmt>${cdata('2009-01-02 06:00:00')}</wp:post_date_gmt><wp:comment_status>${cdata('open')}</wp:comment_status><wp:ping_status>${cdata('closed')}</wp:ping_status><wp:post_name>${cdata(`picture-${n + 1}`)}</wp:post_name><wp:status>${cdata('inherit')}</wp:status><wp:post_parent>101</wp:post_parent><wp:post_type>${cdata('attachment')}</wp:post_type><wp:post_password>${cdata('')}</wp:post_password><wp:is_sticky>0</wp:is_sticky><wp:attachment_url>${cdata(url)}</wp:attachment_url></item>`,
    )
  })
  out.push(
    `<item><title>${cdata('Home')}</title><link>${siteUrl}/?p=5</link><dc:creator>${cdata('oldauthor')}</dc:creator><content:encoded>${cdata('')}</content:encoded><excerpt:encoded>${cdata('')}</excerpt:encoded><wp:post_id>5</wp:post_id><wp:post_date>${cdata('2009-01-01 00:00:00')}</wp:post_date><wp:post_date_gmt>${cdata('2009-01-01 06:00:00')}</wp:post_date_gmt><wp:comment_status>${cdata('closed')}</wp:comment_status><wp:ping_status>${cdata('closed')}</wp:ping_status><wp:post_name>${cdata('home')}</wp:post_name><wp:status>${cdata('publish')}</wp:status><wp:post_parent>0</wp:post_parent><wp:post_type>${cdata('nav_menu_item')}</wp:post_type><wp:post_password>${cdata('')}</wp:post_password><wp:is_sticky>0</wp:is_sticky></item>`,
  )
  out.push('</channel>')
  out.push('</rss>')
  return `${out.join('\n')}\n`
}
