// The bench blog on PostgreSQL: the same rows as the SQLite bench database, copied table by table into a
// freshly migrated PostgreSQL database, so the set-ups `npm run bench` compares serve the same content.
import pg from 'pg'
import { fail } from '../lib/steps.mjs'
import { migrateFreshDatabase, redact } from '../lib/pg-migrations.ts'

// Dates go in as UTC, as Prisma writes them, whatever this machine's time zone.
pg.defaults.parseInputDatesAsUTC = true

/** Makes `url`'s database again and fills it with every table of the SQLite file (FTS tables excepted). */
export async function copySqliteToPostgres(dbFile, url, log) {
  const migrated = await migrateFreshDatabase({
    url,
    allowed: /^daisy_[a-z0-9_]*bench[a-z0-9_]*$/,
    what: 'the benchmark (daisy_…bench…)',
    log,
  })
  if (!migrated.ok) fail(migrated.message)

  const { default: Database } = await import('better-sqlite3')
  const sqlite = new Database(dbFile, { readonly: true })
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const columns = await postgresColumns(client)
    // Rows go in whatever the order of the tables: foreign keys are checked by nobody while copying.
    await client.query('BEGIN')
    await client.query('SET LOCAL session_replication_role = replica')
    const tables = sqlite
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations'`,
      )
      .all()
      .map((row) => row.name)
      .filter((name) => columns.has(name))
    for (const table of tables) {
      const count = await copyTable(sqlite, client, table, columns.get(table))
      if (count) log(`${table}: ${count.toLocaleString('en-US')} rows`)
    }
    // Integer keys made by a sequence continue after the copied ones.
    const serials = await client.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
    )
    for (const { table_name: table, column_name: column } of serials.rows)
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max("${column}") FROM "${table}"), 0) + 1, false)`,
        [`"${table}"`, column],
      )
    await client.query('COMMIT')
    await client.query('ANALYZE')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    fail(`copying the bench blog into ${redact(url)} failed: ${error instanceof Error ? error.message : error}`)
  } finally {
    await client.end()
    sqlite.close()
  }
}

/** table → [{ name, type }] of the columns PostgreSQL lets one write (generated ones left out). */
async function postgresColumns(client) {
  const { rows } = await client.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'public' AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
  )
  const tables = new Map()
  for (const row of rows) {
    if (!tables.has(row.table_name)) tables.set(row.table_name, [])
    tables.get(row.table_name).push({ name: row.column_name, type: row.data_type })
  }
  return tables
}

async function copyTable(sqlite, client, table, columns) {
  const present = new Set(
    sqlite
      .prepare(`SELECT name FROM pragma_table_info(?)`)
      .all(table)
      .map((c) => c.name),
  )
  const copied = columns.filter((c) => present.has(c.name))
  const list = copied.map((c) => `"${c.name}"`).join(', ')
  // PostgreSQL takes at most 65,535 parameters in one statement.
  const perBatch = Math.max(1, Math.floor(60_000 / copied.length))
  let batch = []
  let count = 0
  const flush = async () => {
    if (!batch.length) return
    const values = batch
      .map((_, r) => `(${copied.map((_, c) => `$${r * copied.length + c + 1}`).join(', ')})`)
      .join(', ')
    await client.query(`INSERT INTO "${table}" (${list}) VALUES ${values}`, batch.flat())
    count += batch.length
    batch = []
  }
  for (const row of sqlite.prepare(`SELECT ${list} FROM "${table}"`).iterate()) {
    batch.push(copied.map((c) => convert(row[c.name], c.type)))
    if (batch.length >= perBatch) await flush()
  }
  await flush()
  return count
}

/** A SQLite value as its PostgreSQL column wants it: Prisma keeps dates as ISO text or epoch ms, booleans as 0/1. */
function convert(value, type) {
  if (value === null || value === undefined) return null
  if (type.startsWith('timestamp'))
    return new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value)
  if (type === 'boolean') return value === 1 || value === true || value === '1' || value === 'true'
  return value
}
