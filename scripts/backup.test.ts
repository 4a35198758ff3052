// `npm run backup` and `npm run restore` as people run them, on a real database: PostgreSQL (pg_dump and
// pg_restore against a throwaway database) and SQLite. Data written, backed up, changed, restored; files that
// are not a backup of this kind refused with the data left as it was; a restore that fails half-way rolled back.
import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createClient, type Db } from '../lib/db'
import { psql, testDatabaseUrl } from '../lib/test/postgres'
import { migrateFreshDatabase, migratePostgres } from './lib/pg-migrations.ts'
import { adaptRestoreHeader, libpqTarget } from './lib/pg-backup.ts'

const root = join(import.meta.dirname, '..')
const admin =
  process.env.DAISY_POSTGRES_URL || process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres'

/** Why the PostgreSQL tests cannot run here, or null when a server answers (as scripts/test.mjs finds one). */
function postgresMissing(): string | null {
  const probe = spawnSync('psql', [admin, '-tAc', 'SELECT 1'], { encoding: 'utf8', timeout: 5000 })
  if (probe.error) return 'psql is not installed'
  if (probe.status !== 0) return `no PostgreSQL answers at ${new URL(admin).host}: ${probe.stderr.trim()}`
  for (const tool of ['pg_dump', 'pg_restore'])
    if (spawnSync(tool, ['--version']).error) return `${tool} is not installed`
  return null
}
const missing = postgresMissing()
if (missing) console.warn(`scripts/backup.test.ts: PostgreSQL backup tests skipped (${missing})`)

/** Runs an npm script the way people do; its exit status and everything it printed. */
function npm(script: string, args: string[], databaseUrl: string) {
  const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, DAISY_DIST_DIR: relative(root, join(folder, 'dist')) },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

const folder = mkdtempSync(join(tmpdir(), 'daisy-backup-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
const run = `daisy_backup_${process.pid}_${randomBytes(3).toString('hex')}`

async function fill(db: Db) {
  const author = await db.user.create({ data: { email: 'rob@daisy.test', name: 'Rob', slug: 'rob', role: 'ADMIN' } })
  const post = await db.post.create({
    data: { slug: 'first', title: 'First post', source: 'Hello', html: '<p>Hello</p>', authorId: author.id },
  })
  await db.comment.createMany({
    data: ['Ann', 'Bea'].map((authorName) => ({ postId: post.id, authorName, content: 'Hi', html: '<p>Hi</p>' })),
  })
}

/** A new database of this run, `name`, migrated to the newest schema; its URL. */
async function migratedDatabase(name: string) {
  const url = testDatabaseUrl(admin, name)
  const migrated = await migrateFreshDatabase({ url, allowed: /^daisy_backup_/, what: 'the backup tests' })
  if (!migrated.ok) throw new Error(migrated.message)
  return url
}

const contents = async (db: Db) => ({
  posts: (await db.post.findMany({ select: { title: true }, orderBy: { slug: 'asc' } })).map((p) => p.title),
  comments: (await db.comment.findMany({ select: { authorName: true }, orderBy: { authorName: 'asc' } })).map(
    (c) => c.authorName,
  ),
})

// Each case runs the commands as people do (npm, then pg_dump, pg_restore, psql): seconds alone, and several
// times that beside the rest of npm test.
describe.skipIf(missing)('backup and restore on PostgreSQL', { timeout: 120_000 }, () => {
  let url: string
  let db: Db
  let backup: string
  const original = { posts: ['First post'], comments: ['Ann', 'Bea'] }

  beforeAll(async () => {
    const plain = await migratedDatabase(run)
    // Prisma-only parameters in DATABASE_URL, as people write them for Prisma: the tools must not choke on them.
    url = `${plain}?schema=public&connection_limit=5`
    db = createClient(plain)
    await fill(db)
  })
  afterAll(async () => {
    await db?.$disconnect()
    for (const name of [run, `${run}_other`, `${run}_old`, `${run}_bulky`])
      psql(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  })

  it('backs up into a custom-format dump it has checked, and says what it holds', () => {
    const result = npm('backup', [join(folder, 'pg')], url)
    expect(result.output).toMatch(
      /backup: .*daisy-\d{8}-\d{6}\.dump \(\d+ kB, \d+ tables; .*1 posts, 2 comments; pg_restore --list ok\)/,
    )
    expect(result.status).toBe(0)
    backup = join(folder, 'pg', readdirSync(join(folder, 'pg'))[0]!)
    expect(execFileSync('pg_restore', ['--list', backup], { encoding: 'utf8' })).toContain('TABLE public Post')
  })

  it('restores it over changed data, saving the current database beside the backup first', async () => {
    await db.post.updateMany({ data: { title: 'Changed' } })
    await db.comment.deleteMany({ where: { authorName: 'Ann' } })
    const author = await db.user.findFirstOrThrow()
    await db.post.create({ data: { slug: 'later', title: 'Later', source: '', html: '', authorId: author.id } })
    const stamp = join(folder, 'dist', 'daisy-build-stamp')
    mkdirSync(join(folder, 'dist'), { recursive: true })
    writeFileSync(stamp, '{}')

    const result = npm('restore', [backup, '--yes'], url)
    expect(result.output).toContain('restore: done.')
    expect(result.status).toBe(0)
    expect(await contents(db)).toEqual(original)
    // Pages were built from the old data: the next npm start builds again.
    expect(existsSync(stamp)).toBe(false)
    const saved = readdirSync(join(folder, 'pg')).filter((name) => name.includes('.before-restore-'))
    expect(saved).toHaveLength(1)
    // The saved copy holds what was there before the restore.
    expect(execFileSync('pg_restore', ['--list', join(folder, 'pg', saved[0]!)], { encoding: 'utf8' })).toContain(
      'TABLE public Post',
    )
  })

  it('asks first, and changes nothing without the answer "restore"', async () => {
    await db.post.updateMany({ data: { title: 'Changed' } })
    const result = spawnSync('npm', ['run', '--silent', 'restore', '--', backup], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      input: 'no\n',
      encoding: 'utf8',
    })
    expect(result.stdout).toContain('nothing changed')
    expect((await contents(db)).posts).toEqual(['Changed'])
    await db.post.updateMany({ data: { title: 'First post' } })
  })

  it('refuses a damaged file, a SQLite backup and a dump of another database, leaving the data alone', async () => {
    const damaged = join(folder, 'damaged.dump')
    writeFileSync(damaged, Buffer.concat([Buffer.from('PGDMP'), randomBytes(4000)]))
    const sqlite = join(folder, 'sqlite.db')
    copyFileSync(inject('templateDb'), sqlite)
    psql(admin, `CREATE DATABASE "${run}_other"`)
    psql(testDatabaseUrl(admin, `${run}_other`), 'CREATE TABLE "Post" (id int); INSERT INTO "Post" VALUES (1)')
    const foreign = join(folder, 'foreign.dump')
    const other = libpqTarget(testDatabaseUrl(admin, `${run}_other`))
    execFileSync('pg_dump', ['--format=custom', `--file=${foreign}`, `--dbname=${other.url}`], { env: other.env })

    const cases: [string, RegExp][] = [
      [damaged, /pg_restore failed/],
      [sqlite, /is a SQLite backup, but DATABASE_URL names a PostgreSQL database/],
      [foreign, /is not a backup of a Daisy database: it has no _prisma_migrations, User, Comment, Setting table/],
      [join(root, 'package.json'), /is not a pg_dump archive in custom format/],
    ]
    for (const [file, message] of cases) {
      const result = npm('restore', [file, '--yes'], url)
      expect(result.output).toMatch(message)
      expect(result.status).toBe(1)
    }
    expect(await contents(db)).toEqual(original)
  })

  it('says what to install when pg_dump is missing or older than the server, before writing anything', () => {
    const tools = mkdtempSync(join(folder, 'tools-'))
    const backup = (path: string) => {
      const result = spawnSync(process.execPath, ['scripts/backup.mjs', join(folder, 'none')], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url, PATH: path },
        encoding: 'utf8',
      })
      return { status: result.status, output: `${result.stdout}${result.stderr}` }
    }
    const missing = backup(tools)
    expect(missing.output).toMatch(/pg_dump is not installed\. Install the PostgreSQL client tools of version \d+/)
    expect(missing.status).toBe(1)
    writeFileSync(join(tools, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n', { mode: 0o755 })
    const old = backup(tools)
    expect(old.output).toMatch(/pg_dump is version 9 but the server runs PostgreSQL \d+: install the client tools/)
    expect(old.status).toBe(1)
    expect(existsSync(join(folder, 'none')) && readdirSync(join(folder, 'none'))).toEqual([])
  })

  it('refuses to restore with a psql older than pg_restore, before changing anything', async () => {
    // psql runs the script pg_restore writes: a psql of an earlier minor release may not know all of it.
    const real = execFileSync('pg_restore', ['--version'], { encoding: 'utf8' })
    const [, major, minor] = /(\d+)\.(\d+)/.exec(real)!
    if (Number(minor) === 0) return
    const tools = mkdtempSync(join(folder, 'older-psql-'))
    for (const tool of ['pg_restore', 'pg_dump'])
      symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(tools, tool))
    writeFileSync(join(tools, 'psql'), `#!/bin/sh\necho "psql (PostgreSQL) ${major}.0"\n`, { mode: 0o755 })
    await db.post.updateMany({ data: { title: 'Untouched' } })
    const result = spawnSync(process.execPath, ['scripts/restore.mjs', backup, '--yes'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, PATH: tools },
      encoding: 'utf8',
    })
    expect(`${result.stdout}${result.stderr}`).toContain(
      `psql is version ${major}.0 but pg_restore ${major}.${minor}: psql runs the script pg_restore writes`,
    )
    expect(result.status).toBe(1)
    expect((await contents(db)).posts).toEqual(['Untouched'])
    await db.post.updateMany({ data: { title: 'First post' } })
  })

  it('commits nothing when pg_restore stops half-way through the archive (a truncated file)', async () => {
    // A backup with enough rows that its table of contents is whole and its data is cut: pg_restore checks
    // the file, starts writing the restore, and fails partway, after psql has dropped and made tables again.
    const bulkyUrl = await migratedDatabase(`${run}_bulky`)
    const bulkyDb = createClient(bulkyUrl)
    await fill(bulkyDb)
    const { id: postId } = await bulkyDb.post.findFirstOrThrow()
    const words = (i: number) => `Comment ${i}: ${randomBytes(48).toString('hex')}`
    await bulkyDb.comment.createMany({
      data: Array.from({ length: 5000 }, (_, i) => ({
        postId,
        authorName: `Reader ${i}`,
        content: words(i),
        html: '',
      })),
    })
    await bulkyDb.$disconnect()
    expect(npm('backup', [join(folder, 'bulky')], bulkyUrl).status).toBe(0)
    const file = join(folder, 'bulky', readdirSync(join(folder, 'bulky'))[0]!)
    const truncated = join(folder, 'truncated.dump')
    const bytes = readFileSync(file)
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)))

    await db.post.updateMany({ data: { title: 'Still here' } })
    const result = npm('restore', [truncated, '--yes'], url)
    expect(result.output).toContain('pg_restore failed')
    expect(result.output).toContain('could not read from input file')
    expect(result.output).toContain('rolled back: the database is as it was')
    expect(result.status).toBe(1)
    expect(await contents(db)).toEqual({ ...original, posts: ['Still here'] })
    await db.post.updateMany({ data: { title: 'First post' } })
  })

  it('rolls a restore that fails half-way back, leaving the database as it was', async () => {
    // A dump granting a role this server no longer has: its GRANT fails after the tables were dropped and
    // made again, inside the one transaction.
    const role = `${run}_reader`
    psql(admin, `CREATE ROLE "${role}"`)
    const target = testDatabaseUrl(admin, run)
    psql(target, `GRANT SELECT ON "Comment" TO "${role}"`)
    expect(npm('backup', [join(folder, 'granted')], url).status).toBe(0)
    psql(target, `REVOKE ALL ON "Comment" FROM "${role}"`)
    psql(admin, `DROP ROLE "${role}"`)
    await db.post.updateMany({ data: { title: 'Kept' } })
    await db.comment.deleteMany({ where: { authorName: 'Bea' } })
    const tablesBefore = psql(target, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`)

    const dump = join(folder, 'granted', readdirSync(join(folder, 'granted'))[0]!)
    const result = npm('restore', [dump, '--yes'], url)
    expect(result.output).toContain(`role "${role}" does not exist`)
    expect(result.output).toContain('rolled back: the database is as it was')
    expect(result.status).toBe(1)
    expect(await contents(db)).toEqual({ posts: ['Kept'], comments: ['Ann'] })
    expect(psql(target, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`)).toBe(tablesBefore)
  })

  it('restores a backup made before an upgrade to exactly its tables, so the next start migrates it up again', async () => {
    // A blog backed up before the release whose migration added the Lease table, then upgraded, then restored
    // from that backup: the newer table must go with the rest, or migrating again stops at "relation already
    // exists".
    const oldUrl = await migratedDatabase(`${run}_old`)
    psql(oldUrl, `DROP TABLE "Lease"; DELETE FROM "_prisma_migrations" WHERE migration_name LIKE '%\\_lease'`)
    const oldDb = createClient(oldUrl)
    await fill(oldDb)
    await oldDb.$disconnect()
    expect(npm('backup', [join(folder, 'old')], oldUrl).status).toBe(0)
    const dump = join(folder, 'old', readdirSync(join(folder, 'old'))[0]!)

    const target = testDatabaseUrl(admin, run)
    const leaseExists = () => psql(target, `SELECT to_regclass('public."Lease"') IS NOT NULL`).trim()
    expect(leaseExists()).toBe('t')
    // What else a later migration may add: an enum type, a view, a sequence of its own. An extension's objects
    // are not the blog's to drop.
    psql(
      target,
      `CREATE TYPE "Mood" AS ENUM ('calm'); CREATE VIEW "Recent" AS SELECT 1 AS one; CREATE SEQUENCE "Counter";
       CREATE EXTENSION IF NOT EXISTS citext`,
    )
    const result = npm('restore', [dump, '--yes'], url)
    expect(result.output).toContain('restore: done.')
    expect(result.status).toBe(0)
    expect(leaseExists()).toBe('f')
    expect(
      psql(
        target,
        `SELECT to_regtype('public."Mood"') IS NULL AND to_regclass('public."Recent"') IS NULL
           AND to_regclass('public."Counter"') IS NULL AND to_regtype('public.citext') IS NOT NULL`,
      ).trim(),
    ).toBe('t')
    expect(await contents(db)).toEqual(original)

    const again = await migratePostgres({ url: target })
    expect(again).toMatchObject({ ok: true })
    expect(leaseExists()).toBe('t')
    expect(await contents(db)).toEqual(original)
  })
})

describe('the restore script header', () => {
  // As pg_restore 17 writes it; 15 and 16 leave out transaction_timeout.
  const header = [
    'SET statement_timeout = 0;',
    'SET lock_timeout = 0;',
    'SET idle_in_transaction_session_timeout = 0;',
    'SET transaction_timeout = 0;',
    "SET client_encoding = 'UTF8';",
    "SELECT pg_catalog.set_config('search_path', '', false);",
    '',
  ].join('\n')

  it('waits 15 s for a lock instead of for ever, and leaves out what an older server does not know', () => {
    const forOld = adaptRestoreHeader(header, 16)
    expect(forOld).toContain("SET lock_timeout = '15s';")
    expect(forOld).not.toContain('transaction_timeout')
    expect(forOld).toContain('SET idle_in_transaction_session_timeout = 0;')
    expect(adaptRestoreHeader(header, 17)).toContain('SET transaction_timeout = 0;')
  })
})

describe('backup and restore on SQLite', { timeout: 120_000 }, () => {
  it('backs up, restores over changed data, and refuses a PostgreSQL dump', async () => {
    const file = join(folder, 'live.db')
    copyFileSync(inject('templateDb'), file)
    const db = createClient(`file:${file}`)
    try {
      await fill(db)
      const made = npm('backup', [join(folder, 'sqlite')], `file:${file}`)
      expect(made.output).toMatch(/1 posts, 2 comments, integrity ok/)
      const backup = join(folder, 'sqlite', readdirSync(join(folder, 'sqlite'))[0]!)
      await db.comment.deleteMany()
      await db.$disconnect()

      const restored = npm('restore', [backup, '--yes'], `file:${file}`)
      expect(restored.output).toContain('restore: done.')
      const after = createClient(`file:${file}`)
      expect(await contents(after)).toEqual({ posts: ['First post'], comments: ['Ann', 'Bea'] })
      await after.$disconnect()

      const dump = join(folder, 'fake.dump')
      writeFileSync(dump, Buffer.concat([Buffer.from('PGDMP'), randomBytes(100)]))
      const refused = npm('restore', [dump, '--yes'], `file:${file}`)
      expect(refused.output).toMatch(/is a PostgreSQL backup \(pg_dump\), but DATABASE_URL names a SQLite database/)
      expect(refused.status).toBe(1)
      expect(existsSync(file)).toBe(true)
    } finally {
      await db.$disconnect()
    }
  })
})
