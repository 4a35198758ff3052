// Makes strings safe for the `feed` library to write: what it escapes is left to it, what it doesn't is done here.
//
// What feed 6 (with xml-js 1.6) does with each kind of field, read from node_modules/feed/lib/feed.js:
// - attribute values (Atom category label and term): feed escapes `&` only and xml-js `"` only, so a `<`
//   is written raw and the document is no longer XML;
// - text nodes (channel title, description, author names, RSS categories): xml-js escapes `& < >`, but turns
//   every `&amp;` back into `&` first, so a literal "&amp;" typed by someone would lose a level;
// - CDATA sections (item titles, summaries, content): xml-js splits only the first `]]>`, so a second one
//   ends the section early;
// - nothing removes the characters XML 1.0 forbids outright (most C0 controls, U+FFFE/U+FFFF, lone
//   surrogates), which no escaping can carry.
// Escaping `<` ourselves is impossible (feed would escape the `&` of our `&lt;`), so what must be written
// after the library runs is marked with a control character — never present in cleaned input — and
// `finishXml` replaces the marks once the document is built.

const NOT_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const LT_MARK = '\u0001'
const CDATA_END_MARK = '\u0002'

const clean = (value: string) => value.replace(NOT_XML_CHAR, '')

/** For a value the library writes as a text node. */
export const xmlText = (value: string) => clean(value).replace(/&/g, '&amp;')

/** For a value the library writes into an attribute through its own `&`-escaping. */
export const xmlAttribute = (value: string) => clean(value).replace(/</g, LT_MARK)

/** For a value the library writes as a CDATA section. */
export const xmlCdata = (value: string) => clean(value).replaceAll(']]>', `]]${CDATA_END_MARK}`)

/** Writes what the marks stand for, once the library has built the document. */
export const finishXml = (xml: string) => xml.replaceAll(LT_MARK, '&lt;').replaceAll(CDATA_END_MARK, ']]><![CDATA[>')
