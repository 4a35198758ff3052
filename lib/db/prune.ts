// Deleting rows that have done their work (lib/jobs/housekeeping.ts), a batch at a time: a long backlog (the first
// run on a blog that has kept every row for years) never holds the database in one statement, which on SQLite
// would stop every other write until it ends.
import { withBusyRetry } from './busy'
import type { Prisma } from '.'

export interface PruneOptions {
  /** Rows per statement. */
  batch?: number
  /** Statements per run at most: what is left goes at the next run. */
  maxBatches?: number
}

/**
 * Deletes the rows `find` names (`take` ids at a time) with `remove`, until none are left or `maxBatches` ran.
 * Returns how many were deleted.
 */
export async function deleteInBatches(
  find: (take: number) => Promise<string[]>,
  remove: (ids: string[]) => Promise<{ count: number }>,
  { batch = 500, maxBatches = 200 }: PruneOptions = {},
): Promise<number> {
  let deleted = 0
  for (let round = 0; round < maxBatches; round++) {
    const ids = await find(batch)
    if (ids.length === 0) break
    deleted += (await withBusyRetry(() => remove(ids))).count
    if (ids.length < batch) break
  }
  return deleted
}

/** A Prisma model as deleteWhere uses it: the rows a filter matches, and a delete by filter. */
interface PrunableModel {
  findMany(args: object): PromiseLike<object[]>
  deleteMany(args: object): PromiseLike<{ count: number }>
}
/** The filter a model's deleteMany takes (Prisma's `<Model>WhereInput`). */
type WhereOf<M extends PrunableModel> = NonNullable<Prisma.Args<M, 'deleteMany'>['where']>

/**
 * Deletes the rows of `model` that `where` matches, a batch at a time (deleteInBatches); `key` is the model's
 * primary key. Each batch is deleted by key and filter again, so a row that changed meanwhile stays.
 */
export function deleteWhere<M extends PrunableModel>(
  model: M,
  where: WhereOf<M>,
  { key = 'id', ...options }: PruneOptions & { key?: string } = {},
): Promise<number> {
  return deleteInBatches(
    async (take) =>
      (await model.findMany({ where, select: { [key]: true }, take })).map((row) =>
        String((row as Record<string, unknown>)[key]),
      ),
    async (ids) => model.deleteMany({ where: { ...where, [key]: { in: ids } } }),
    options,
  )
}
