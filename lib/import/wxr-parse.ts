// Reads a WordPress export (WXR 1.0–1.2) as a stream: authors, terms and items arrive one at a time, so a
// large export never has to fit in memory. Namespaces are taken from the file, whatever version wrote it.
import { createReadStream } from 'node:fs'
import { SaxesParser, type SaxesTagNS } from 'saxes'

export interface WxrAuthor {
  login: string
  email: string
  displayName: string
}

export interface WxrTerm {
  kind: 'category' | 'tag'
  slug: string
  name: string
  description: string
}

export interface WxrComment {
  id: string
  parentId: string
  author: string
  email: string
  url: string
  ip: string
  dateGmt: string
  date: string
  content: string
  approved: string
  type: string
  userId: string
}

export interface WxrItem {
  title: string
  link: string
  creator: string
  content: string
  excerpt: string
  postId: string
  postDate: string
  postDateGmt: string
  commentStatus: string
  pingStatus: string
  postName: string
  status: string
  postParent: string
  postType: string
  postPassword: string
  isSticky: boolean
  attachmentUrl: string
  categories: { domain: string; slug: string; name: string }[]
  comments: WxrComment[]
  /** wp:postmeta pairs (e.g. _thumbnail_id, _wp_trash_meta_status). */
  meta: Record<string, string>
  /** Where the <item> starts in the file, for reports. */
  line: number
}

export interface WxrChannel {
  title: string
  link: string
  description: string
  baseSiteUrl: string
  baseBlogUrl: string
  wxrVersion: string
}

export interface WxrHandlers {
  channel?: (channel: WxrChannel) => void | Promise<void>
  author?: (author: WxrAuthor) => void | Promise<void>
  term?: (term: WxrTerm) => void | Promise<void>
  item?: (item: WxrItem) => void | Promise<void>
}

export class WxrError extends Error {
  constructor(
    message: string,
    public readonly line: number,
  ) {
    super(`${message} (line ${line})`)
  }
}

// Every spelling WordPress's own importer reads: its XML-processor parser lists http and https for 1.0–1.2,
// and its default SimpleXML parser takes whatever URI the file binds to `wp:`/`excerpt:` (so hand-made files
// without the trailing slash import there too). WordPress.com and newer exporters write https.
const WP_NS = /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/?$/
const EXCERPT_NS = /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/excerpt\/?$/
const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/'
const DC_NS = 'http://purl.org/dc/elements/1.1/'

type Name = { ns: 'wp' | 'excerpt' | 'content' | 'dc' | ''; local: string }

function nameOf(tag: SaxesTagNS): Name {
  const uri = tag.uri
  const ns = WP_NS.test(uri)
    ? 'wp'
    : EXCERPT_NS.test(uri)
      ? 'excerpt'
      : uri === CONTENT_NS
        ? 'content'
        : uri === DC_NS
          ? 'dc'
          : ''
  return { ns, local: tag.local }
}

const emptyItem = (): WxrItem => ({
  title: '',
  link: '',
  creator: '',
  content: '',
  excerpt: '',
  postId: '',
  postDate: '',
  postDateGmt: '',
  commentStatus: '',
  pingStatus: '',
  postName: '',
  status: '',
  postParent: '0',
  postType: '',
  postPassword: '',
  isSticky: false,
  attachmentUrl: '',
  categories: [],
  comments: [],
  meta: {},
  line: 0,
})
const emptyComment = (): WxrComment => ({
  id: '',
  parentId: '0',
  author: '',
  email: '',
  url: '',
  ip: '',
  dateGmt: '',
  date: '',
  content: '',
  approved: '',
  type: '',
  userId: '0',
})

const ITEM_FIELDS: Record<string, keyof WxrItem> = {
  title: 'title',
  link: 'link',
  'dc:creator': 'creator',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_id': 'postId',
  'wp:post_date': 'postDate',
  'wp:post_date_gmt': 'postDateGmt',
  'wp:comment_status': 'commentStatus',
  'wp:ping_status': 'pingStatus',
  'wp:post_name': 'postName',
  'wp:status': 'status',
  'wp:post_parent': 'postParent',
  'wp:post_type': 'postType',
  'wp:post_password': 'postPassword',
  'wp:attachment_url': 'attachmentUrl',
}
const COMMENT_FIELDS: Record<string, keyof WxrComment> = {
  'wp:comment_id': 'id',
  'wp:comment_parent': 'parentId',
  'wp:comment_author': 'author',
  'wp:comment_author_email': 'email',
  'wp:comment_author_url': 'url',
  'wp:comment_author_IP': 'ip',
  'wp:comment_date_gmt': 'dateGmt',
  'wp:comment_date': 'date',
  'wp:comment_content': 'content',
  'wp:comment_approved': 'approved',
  'wp:comment_type': 'type',
  'wp:comment_user_id': 'userId',
}

/** saxes says "file:3:14: unexpected close tag."; the line is reported separately. */
const clean = (message: string) => message.split('\n')[0]!.replace(/^(?:.*?:)?\d+:\d+: /, '')

/**
 * Parses WXR text fed in chunks. Handlers may be async: the caller awaits `drain()` between chunks so items
 * are written in order, with back-pressure.
 */
export function createWxrParser(handlers: WxrHandlers) {
  const parser = new SaxesParser({ xmlns: true, position: true })
  const path: string[] = []
  const pending: (() => void | Promise<void>)[] = []
  const channel: WxrChannel = { title: '', link: '', description: '', baseSiteUrl: '', baseBlogUrl: '', wxrVersion: '' }
  let channelSent = false
  let sawRss = false
  let text = ''
  let item: WxrItem | null = null
  let comment: WxrComment | null = null
  let author: WxrAuthor | null = null
  let term: (WxrTerm & { parent?: string }) | null = null
  let category: { domain: string; slug: string } | null = null
  let meta: { key: string; value: string } | null = null
  let failure: WxrError | null = null
  let started = false

  const sendChannel = () => {
    if (channelSent) return
    channelSent = true
    const copy = { ...channel }
    if (handlers.channel) pending.push(() => handlers.channel!(copy))
  }

  parser.on('opentag', (tag) => {
    const n = nameOf(tag)
    const key = n.ns ? `${n.ns}:${n.local}` : n.local
    if (!sawRss) {
      if (tag.local !== 'rss') throw new WxrError('this is not a WordPress export (no <rss> root)', parser.line)
      sawRss = true
    }
    path.push(key)
    text = ''
    if (key === 'item') {
      sendChannel()
      item = emptyItem()
      item.line = parser.line
    } else if (key === 'wp:comment' && item) comment = emptyComment()
    else if (key === 'wp:author') author = { login: '', email: '', displayName: '' }
    else if (key === 'wp:category' && !item) term = { kind: 'category', slug: '', name: '', description: '' }
    else if (key === 'wp:tag' && !item) term = { kind: 'tag', slug: '', name: '', description: '' }
    else if (key === 'wp:postmeta' && item && !comment) meta = { key: '', value: '' }
    else if (key === 'category' && item)
      category = {
        domain: String(tag.attributes.domain?.value ?? 'category'),
        slug: String(tag.attributes.nicename?.value ?? ''),
      }
  })
  parser.on('text', (t) => (text += t))
  parser.on('cdata', (t) => (text += t))
  parser.on('closetag', () => {
    const key = path.pop()!
    const parent = path.at(-1)
    const value = text
    text = ''
    if (meta && key === 'wp:meta_key') meta.key = value.trim()
    else if (meta && key === 'wp:meta_value') meta.value = value
    else if (meta && key === 'wp:postmeta') {
      if (item && meta.key) item.meta[meta.key] = meta.value
      meta = null
    } else if (comment && COMMENT_FIELDS[key])
      comment[COMMENT_FIELDS[key]] = key === 'wp:comment_content' ? value : value.trim()
    else if (key === 'wp:comment' && item && comment) {
      item.comments.push(comment)
      comment = null
    } else if (item && parent === 'item' && ITEM_FIELDS[key])
      (item[ITEM_FIELDS[key]] as string) = key === 'content:encoded' || key === 'excerpt:encoded' ? value : value.trim()
    else if (item && key === 'wp:is_sticky') item.isSticky = value.trim() === '1'
    else if (item && key === 'category' && category) {
      item.categories.push({ ...category, name: value.trim() })
      category = null
    } else if (key === 'item' && item) {
      const done = item
      item = null
      if (handlers.item) pending.push(() => handlers.item!(done))
    } else if (author && key.startsWith('wp:author_')) {
      if (key === 'wp:author_login') author.login = value.trim()
      if (key === 'wp:author_email') author.email = value.trim()
      if (key === 'wp:author_display_name') author.displayName = value.trim()
    } else if (key === 'wp:author' && author) {
      const done = author
      author = null
      if (handlers.author) pending.push(() => handlers.author!(done))
    } else if (term && (key === 'wp:category_nicename' || key === 'wp:tag_slug')) term.slug = value.trim()
    else if (term && (key === 'wp:cat_name' || key === 'wp:tag_name')) term.name = value.trim()
    else if (term && (key === 'wp:category_description' || key === 'wp:tag_description'))
      term.description = value.trim()
    else if (term && (key === 'wp:category' || key === 'wp:tag')) {
      const done = { kind: term.kind, slug: term.slug, name: term.name, description: term.description }
      term = null
      if (handlers.term) pending.push(() => handlers.term!(done))
    } else if (parent === 'channel') {
      if (key === 'title') channel.title = value.trim()
      if (key === 'link') channel.link = value.trim()
      if (key === 'description') channel.description = value.trim()
      if (key === 'wp:base_site_url') channel.baseSiteUrl = value.trim()
      if (key === 'wp:base_blog_url') channel.baseBlogUrl = value.trim()
      if (key === 'wp:wxr_version') channel.wxrVersion = value.trim()
    }
  })
  parser.on('error', (error) => {
    failure ??= new WxrError(`the file is not well-formed XML: ${clean(error.message)}`, parser.line)
  })

  const run = async () => {
    while (pending.length) await pending.shift()!()
  }

  return {
    async write(chunk: string) {
      // Some plugins print blank lines (or a byte-order mark) before the XML declaration; WordPress's own
      // importer copes, so this does too.
      if (!started) {
        chunk = chunk.replace(/^[\uFEFF\s]+/, '')
        if (!chunk) return
        started = true
      }
      try {
        parser.write(chunk)
      } catch (error) {
        throw error instanceof WxrError
          ? error
          : new WxrError(`the file is not well-formed XML: ${clean((error as Error).message)}`, parser.line)
      }
      if (failure) throw failure
      await run()
    },
    async end() {
      try {
        parser.close()
      } catch (error) {
        if (!sawRss) throw new WxrError('the file is empty', parser.line)
        throw error instanceof WxrError
          ? error
          : new WxrError(`the file ends too early: ${clean((error as Error).message)}`, parser.line)
      }
      if (!sawRss) throw new WxrError('the file is empty', parser.line)
      if (failure) throw failure
      sendChannel()
      await run()
      if (!channel.wxrVersion)
        throw new WxrError('this RSS file is not a WordPress export (no wp:wxr_version)', parser.line)
    },
  }
}

/** Streams a WXR file from disk through the handlers. */
export async function parseWxrFile(file: string, handlers: WxrHandlers): Promise<void> {
  const parser = createWxrParser(handlers)
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 }))
    await parser.write(chunk as string)
  await parser.end()
}
