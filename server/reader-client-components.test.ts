// A guard for reader pages served as plain HTML: whatever a reader route renders must work without React in
// the browser, so the only client components it may reach are the comment form (lib/comments/reader-script.ts
// does its work on plain pages) and the post-password form (its page keeps the runtime). A new client
// component under app/(site) fails this test until it has a plain-HTML answer too.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = dirname(import.meta.dirname)
const ALLOWED = new Set(['components/comment-form.tsx', 'components/password-form.tsx'])

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : []
  })
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@/')
    ? join(root, specifier.slice(2))
    : specifier.startsWith('.')
      ? resolve(dirname(from), specifier)
      : null
  if (!base) return null
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  return null
}

function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: string[] = []
  for (const statement of source.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier) {
      if (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly) continue
      const resolved = resolveImport(file, (statement.moduleSpecifier as ts.StringLiteral).text)
      if (resolved) found.push(resolved)
    }
  }
  return found
}

const isClient = (file: string) => /^\s*(?:\/\/[^\n]*\n\s*)*['"]use client['"]/.test(readFileSync(file, 'utf8'))

describe('reader routes', () => {
  it('reach no client component but the comment form and the post-password form', () => {
    const seen = new Set<string>()
    const clients = new Set<string>()
    const stack = files(join(root, 'app', '(site)'))
    while (stack.length) {
      const file = stack.pop()!
      if (seen.has(file)) continue
      seen.add(file)
      const name = relative(root, file)
      if (isClient(file)) {
        clients.add(name)
        continue // what an allowed form imports is its own business
      }
      stack.push(...importsOf(file))
    }
    expect([...clients].sort()).toEqual([...ALLOWED].sort())
  })
})
