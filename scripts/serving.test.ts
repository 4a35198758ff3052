// The serving records of `npm start`: a copied folder does not believe it is being served.
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { recordServing, servingInstances } from './lib/serving.ts'

const made: string[] = []
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill()
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A process that works in `folder`, as a running `npm start` does. */
function serverIn(folder: string): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { cwd: folder, stdio: 'ignore' })
  children.push(child)
  return child.pid!
}

describe('serving records', () => {
  it('names a live server of this folder, but not in a copy of the folder', () => {
    const original = mkdtempSync(join(tmpdir(), 'daisy-serving-'))
    const copy = `${original}-copy`
    made.push(original, copy)
    recordServing(original, '.next', 3000, serverIn(original))
    expect(servingInstances(original, '.next')).toMatchObject([{ port: 3000 }])
    cpSync(original, copy, { recursive: true })
    expect(servingInstances(copy, '.next')).toEqual([])
    // The original still knows its server.
    expect(servingInstances(original, '.next')).toHaveLength(1)
  })

  it('drops a record whose process is gone, or whose pid now runs elsewhere', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'daisy-serving-'))
    made.push(folder)
    const elsewhere = serverIn(tmpdir())
    recordServing(folder, '.next', 3001, elsewhere)
    expect(servingInstances(folder, '.next')).toEqual([])
    const pid = serverIn(folder)
    recordServing(folder, '.next', 3002, pid)
    children.at(-1)!.kill()
    await new Promise((resolve) => children.at(-1)!.once('exit', resolve))
    expect(servingInstances(folder, '.next')).toEqual([])
  })
})
