#!/usr/bin/env node
// The benchmark's reader post as a WordPress export: one post of 1,537 words with 50 comments (10 of them
// replies), 3 pingbacks and 2 trackbacks, written the way WordPress 4.9's Tools → Export writes WXR 1.2
// (wp-admin/includes/export.php of that line: comment_type '' for comments, dates without CDATA).
// Deterministic: a seeded PRNG, fixed dates. `npm run bench` imports it with `npm run import:wxr`;
// alone: `node scripts/bench/wxr.mjs <out.xml>`.
import { writeFileSync } from 'node:fs'
import { random } from './random.mjs'

/** What the post page must show once imported (checked by the bench against the database). */
export const BENCH_POST = {
  slug: 'what-fifty-comments-taught-us-about-customer-trust',
  title: 'What fifty comments taught us about customer trust',
  words: 1537,
  comments: 50,
  replies: 10,
  pingbacks: 3,
  trackbacks: 2,
}

const SITE = 'https://blog.example.org'
const POST_ID = 1482
const AUTHOR = {
  id: 1,
  login: 'dana',
  email: 'dana@blog.example.org',
  display: 'Dana Whitfield',
  first: 'Dana',
  last: 'Whitfield',
}
// Central time in February: six hours behind UTC, as the blog's wp:post_date is local time.
const OFFSET_MS = 6 * 3600_000
const POSTED_GMT = Date.UTC(2018, 1, 6, 15, 12, 0)

const VOCABULARY = (
  'the a our every customer support team trust promise answer call ticket phone email reader blog post ' +
  'people company service problem fix listen story week night office honest open simple hard small ' +
  'first last next real good better fast slow late early always never often sometimes really just ' +
  'asked wrote called fixed heard shared learned kept made found told gave took helped waited ' +
  'because when while after before until although since so and but or yet with without for about ' +
  'community feedback outage server cloud network engineer manager founder chairman promise care'
).split(' ')
const NAMES =
  'Alice Bruno Carmen Dmitri Esther Farid Grace Hiro Ingrid Jamal Keiko Liam Marta Nadia Oscar Priya Quentin Rosa Samir Tove Ugo Vera Wen Ximena Yusuf Zoe'.split(
    ' ',
  )
const SURNAMES =
  'Abbott Brandt Castillo Dubois Eriksen Fischer Garcia Haddad Ito Jensen Kowalski Lopez Moreau Novak Okafor Petrov'.split(
    ' ',
  )

const pad = (n) => String(n).padStart(2, '0')
/** "2018-02-06 09:12:00", as WordPress stores and exports dates. */
const wpDate = (ms) => {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}
const cdata = (s) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`
const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
/** Words as Daisy counts them (lib/content/markdown.ts countWords over the text of the HTML). */
const countWords = (html) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length

export function benchWxr() {
  const rand = random(1537)
  const pick = (list) => list[Math.floor(rand() * list.length)]
  const sentence = (n = 8 + Math.floor(rand() * 12)) => {
    const words = Array.from({ length: n }, () => pick(VOCABULARY))
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`
  }
  const paragraph = (sentences) => Array.from({ length: sentences }, () => sentence()).join(' ')
  return `${[header(), item(postContent(sentence, paragraph, rand), comments(rand, pick, sentence)), '</channel>', '</rss>'].join('\n')}\n`
}

/** Classic-editor content (WordPress adds the paragraphs when showing it): prose, two headings, links, a list. */
function postContent(sentence, paragraph, rand) {
  const blocks = [
    paragraph(4),
    `${paragraph(3)} As I wrote in <a href="${SITE}/2017/11/02/the-promise-we-make/">the promise we make</a>, ${sentence().toLowerCase()}`,
    paragraph(5),
    '<h2>What the readers told us</h2>',
    paragraph(4),
    `<ul>\n${Array.from({ length: 4 }, () => `<li>${sentence(6 + Math.floor(rand() * 6))}</li>`).join('\n')}\n</ul>`,
    `${paragraph(3)} <em>${sentence(5)}</em> ${paragraph(2)}`,
    paragraph(5),
    '<h2>Why it matters for a support team</h2>',
    `${paragraph(2)} The numbers are in <a href="https://example.com/reports/2017-support">our yearly report</a> and ${sentence().toLowerCase()}`,
    paragraph(4),
  ]
  // Prose paragraphs of about 80 words until the post is a few words short, then one paragraph of exactly
  // the words missing, so the imported post counts 1,537.
  while (countWords(blocks.join('\n\n')) < BENCH_POST.words - 120) blocks.push(paragraph(4))
  const missing = BENCH_POST.words - countWords(blocks.join('\n\n'))
  const last = []
  while (last.length < missing) last.push(...sentence().slice(0, -1).toLowerCase().split(' '))
  last.length = missing
  blocks.push(`${last.join(' ').replace(/^./, (c) => c.toUpperCase())}.`)
  const html = blocks.join('\n\n')
  if (countWords(html) !== BENCH_POST.words)
    throw new Error(`the fixture post has ${countWords(html)} words, not ${BENCH_POST.words}`)
  return html
}

/** 50 comments (10 replies to earlier ones, two of those a level deeper), 3 pingbacks, 2 trackbacks, by date. */
function comments(rand, pick, sentence) {
  const kinds = Array.from({ length: BENCH_POST.comments }, () => 'comment')
  // Linkbacks arrive among the comments, as they do: positions fixed so the order is the same every run.
  for (const [at, kind] of [
    [4, 'pingback'],
    [11, 'trackback'],
    [19, 'pingback'],
    [30, 'trackback'],
    [41, 'pingback'],
  ])
    kinds.splice(at, 0, kind)
  const replyAt = new Set([3, 7, 9, 15, 22, 26, 33, 38, 45, 51]) // positions in the merged list that are replies
  const out = []
  let when = POSTED_GMT
  kinds.forEach((kind, n) => {
    when += (20 + Math.floor(rand() * 300)) * 60_000
    const id = 3100 + n * 3 + Math.floor(rand() * 3) // WordPress ids are global: other posts' comments fall between
    const earlier = out.filter((c) => c.kind === 'comment')
    const isReply = kind === 'comment' && replyAt.has(n)
    // Two replies answer a reply (a thread three deep); the others answer a top-level comment.
    const parent = !isReply
      ? null
      : n === 26 || n === 45
        ? earlier.filter((c) => c.parent).at(-1)
        : pick(earlier.filter((c) => !c.parent))
    const byAuthor = isReply && (n === 9 || n === 33)
    const person = `${pick(NAMES)} ${pick(SURNAMES)}`
    if (kind === 'comment') {
      const text =
        rand() < 0.3
          ? `${sentence()} ${sentence()}\n\n${sentence()}`
          : rand() < 0.15
            ? `${sentence()} <a href="https://example.net/notes/${id}">${sentence(3).slice(0, -1)}</a>`
            : `${sentence()} ${sentence()}`
      out.push({
        kind,
        id,
        parent: parent?.id ?? 0,
        when,
        content: text,
        userId: byAuthor ? AUTHOR.id : 0,
        author: byAuthor ? AUTHOR.display : person,
        email: byAuthor ? AUTHOR.email : `${person.toLowerCase().replace(' ', '.')}@example.com`,
        url: byAuthor ? SITE : rand() < 0.4 ? `https://${person.split(' ')[1].toLowerCase()}.example.net` : '',
        ip: `198.51.100.${(id % 250) + 1}`,
      })
    } else {
      const blog = `${pick(SURNAMES)} on Support`
      const title = sentence(5).slice(0, -1)
      const url = `https://${blog.split(' ')[0].toLowerCase()}.example.com/2018/02/${pad(8 + n)}/${title.toLowerCase().replace(/\s+/g, '-')}/`
      // WordPress stores a pingback's context as "[…] excerpt […]" under the linking page's title, and a
      // TrackBack as "<strong>title</strong>\n\nexcerpt" under the blog's name (WordPress's own excerpt ends in […]).
      const excerpt = `[&#8230;] ${sentence()} ${BENCH_POST.title} ${sentence()} [&#8230;]`
      out.push({
        kind,
        id,
        parent: 0,
        when,
        userId: 0,
        email: '',
        url,
        ip: `203.0.113.${(id % 250) + 1}`,
        author: kind === 'pingback' ? `${title} &#8211; ${blog}` : blog,
        content: kind === 'pingback' ? excerpt : `<strong>${title}</strong>\n\n${excerpt}`,
      })
    }
  })
  return out
}

function header() {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->
<!-- It contains information about your site's posts, pages, comments, categories, and other content. -->
<!-- You may use this file to transfer that content from one site to another. -->
<!-- This file is not intended to serve as a complete backup of your site. -->
<!-- generator="WordPress/4.9.8" created="2018-09-03 10:41" -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>

<channel>
	<title>Customers First</title>
	<link>${SITE}</link>
	<description>Notes on support, service and trust</description>
	<pubDate>Mon, 03 Sep 2018 10:41:12 +0000</pubDate>
	<language>en-US</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>${SITE}</wp:base_site_url>
	<wp:base_blog_url>${SITE}</wp:base_blog_url>

	<wp:author><wp:author_id>${AUTHOR.id}</wp:author_id><wp:author_login>${AUTHOR.login}</wp:author_login><wp:author_email>${AUTHOR.email}</wp:author_email><wp:author_display_name>${cdata(AUTHOR.display)}</wp:author_display_name><wp:author_first_name>${cdata(AUTHOR.first)}</wp:author_first_name><wp:author_last_name>${cdata(AUTHOR.last)}</wp:author_last_name></wp:author>

	<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>customer-service</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${cdata('Customer service')}</wp:cat_name></wp:category>
	<wp:tag><wp:term_id>7</wp:term_id><wp:tag_slug>community</wp:tag_slug><wp:tag_name>${cdata('Community')}</wp:tag_name></wp:tag>
	<wp:tag><wp:term_id>9</wp:term_id><wp:tag_slug>tag-1</wp:tag_slug><wp:tag_name>${cdata('Tag 1')}</wp:tag_name></wp:tag>

	<generator>https://wordpress.org/?v=4.9.8</generator>
`
}

function item(content, responses) {
  const local = POSTED_GMT - OFFSET_MS
  const lines = [
    '	<item>',
    `		<title>${xml(BENCH_POST.title)}</title>`,
    `		<link>${SITE}/2018/02/06/${BENCH_POST.slug}/</link>`,
    `		<pubDate>${new Date(POSTED_GMT).toUTCString().replace('GMT', '+0000')}</pubDate>`,
    `		<dc:creator>${cdata(AUTHOR.login)}</dc:creator>`,
    `		<guid isPermaLink="false">${SITE}/?p=${POST_ID}</guid>`,
    '		<description></description>',
    `		<content:encoded>${cdata(content)}</content:encoded>`,
    `		<excerpt:encoded>${cdata('')}</excerpt:encoded>`,
    `		<wp:post_id>${POST_ID}</wp:post_id>`,
    `		<wp:post_date>${wpDate(local)}</wp:post_date>`,
    `		<wp:post_date_gmt>${wpDate(POSTED_GMT)}</wp:post_date_gmt>`,
    '		<wp:comment_status>open</wp:comment_status>',
    '		<wp:ping_status>open</wp:ping_status>',
    `		<wp:post_name>${BENCH_POST.slug}</wp:post_name>`,
    '		<wp:status>publish</wp:status>',
    '		<wp:post_parent>0</wp:post_parent>',
    '		<wp:menu_order>0</wp:menu_order>',
    '		<wp:post_type>post</wp:post_type>',
    '		<wp:post_password></wp:post_password>',
    '		<wp:is_sticky>0</wp:is_sticky>',
    `		<category domain="category" nicename="customer-service">${cdata('Customer service')}</category>`,
    `		<category domain="post_tag" nicename="community">${cdata('Community')}</category>`,
    `		<category domain="post_tag" nicename="tag-1">${cdata('Tag 1')}</category>`,
    '		<wp:postmeta>',
    '			<wp:meta_key>_edit_last</wp:meta_key>',
    `			<wp:meta_value>${cdata('1')}</wp:meta_value>`,
    '		</wp:postmeta>',
  ]
  for (const c of responses) {
    lines.push(
      '		<wp:comment>',
      `			<wp:comment_id>${c.id}</wp:comment_id>`,
      `			<wp:comment_author>${cdata(c.author)}</wp:comment_author>`,
      `			<wp:comment_author_email>${c.email}</wp:comment_author_email>`,
      `			<wp:comment_author_url>${c.url}</wp:comment_author_url>`,
      `			<wp:comment_author_IP>${c.ip}</wp:comment_author_IP>`,
      `			<wp:comment_date>${wpDate(c.when - OFFSET_MS)}</wp:comment_date>`,
      `			<wp:comment_date_gmt>${wpDate(c.when)}</wp:comment_date_gmt>`,
      `			<wp:comment_content>${cdata(c.content)}</wp:comment_content>`,
      '			<wp:comment_approved>1</wp:comment_approved>',
      `			<wp:comment_type>${c.kind === 'comment' ? '' : c.kind}</wp:comment_type>`,
      `			<wp:comment_parent>${c.parent}</wp:comment_parent>`,
      `			<wp:comment_user_id>${c.userId}</wp:comment_user_id>`,
      '		</wp:comment>',
    )
  }
  lines.push('	</item>')
  return lines.join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2]
  if (!out) throw new Error('usage: node scripts/bench/wxr.mjs <out.xml>')
  writeFileSync(out, benchWxr())
  console.log(`wrote ${out}`)
}
