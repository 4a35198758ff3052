'use client'
// The WordPress import page's form: the upload with its progress, then the import's report.

import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { ImportReport } from '@/lib/import/report'
import { Field } from '../field'
import { AdminTable } from './admin-table'
import { useLeaveWarning } from './use-leave-warning'

type Phase = 'idle' | 'uploading' | 'reading' | 'importing' | 'finishing' | 'done' | 'failed'

interface Progress {
  phase: Phase
  done: number
  total: number
}

const LABEL: Record<Phase, string> = {
  idle: '',
  uploading: 'Uploading',
  reading: 'Checking the file',
  importing: 'Importing',
  finishing: 'Linking images in posts',
  done: 'Done',
  failed: 'Stopped',
}

// True once hydrated (false in the server render): nothing to subscribe to.
const noSubscription = () => () => {}

/** Uploads a WXR file with a progress bar (upload, then items imported) and shows the import's report. */
export function ImportForm() {
  // The upload needs JavaScript: the button waits for it, so an early click cannot reload the page.
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
  const input = useRef<HTMLInputElement>(null)
  const [progress, setProgress] = useState<Progress>({ phase: 'idle', done: 0, total: 0 })
  const [report, setReport] = useState<Omit<ImportReport, 'touched'> | null>(null)
  const [error, setError] = useState<string | null>(null)
  const poll = useRef<ReturnType<typeof setInterval> | null>(null)
  const busy = !['idle', 'done', 'failed'].includes(progress.phase)

  useEffect(() => () => void (poll.current && clearInterval(poll.current)), [])

  // Leaving mid-import would not stop it, but the report would be lost: ask first.
  useLeaveWarning(busy)

  function stopPolling() {
    if (poll.current) clearInterval(poll.current)
    poll.current = null
  }

  function submit(event: React.FormEvent) {
    event.preventDefault()
    const file = input.current?.files?.[0]
    if (!file) return setError('Choose a WordPress export file (.xml) first.')
    setError(null)
    setReport(null)
    setProgress({ phase: 'uploading', done: 0, total: file.size })
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/api/import')
    xhr.setRequestHeader('content-type', 'application/xml')
    xhr.upload.onprogress = (e) => setProgress({ phase: 'uploading', done: e.loaded, total: e.total || file.size })
    xhr.upload.onload = () => {
      setProgress({ phase: 'reading', done: 0, total: 0 })
      poll.current = setInterval(async () => {
        const response = await fetch('/api/import/progress', { cache: 'no-store' }).catch(() => null)
        if (!response?.ok) return
        const state = (await response.json()) as Progress & { running: boolean }
        if (state.running) setProgress({ phase: state.phase, done: state.done, total: state.total })
      }, 400)
    }
    xhr.onload = () => {
      stopPolling()
      let body: { report?: Omit<ImportReport, 'touched'>; error?: string } = {}
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        body = { error: `The server answered ${xhr.status} without a report.` }
      }
      if (body.report) {
        setReport(body.report)
        setProgress({
          phase: body.report.stoppedAt ? 'failed' : 'done',
          done: body.report.items,
          total: body.report.items,
        })
      } else {
        setError(body.error ?? `The import failed (HTTP ${xhr.status}).`)
        setProgress({ phase: 'failed', done: 0, total: 0 })
      }
    }
    xhr.onerror = () => {
      stopPolling()
      setError('The upload did not reach the server. Check the connection and try again.')
      setProgress({ phase: 'failed', done: 0, total: 0 })
    }
    xhr.send(file)
  }

  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : undefined
  return (
    <section aria-labelledby="import-heading" className="stack">
      <h2 id="import-heading" className="visually-hidden">
        Upload
      </h2>
      <form onSubmit={submit} className="stack">
        <Field id="wxr-file" label="WordPress export file (WXR, .xml)">
          {(control) => (
            <input
              ref={input}
              {...control}
              name="file"
              type="file"
              accept=".xml,application/xml,text/xml"
              required
              disabled={busy}
            />
          )}
        </Field>
        <div>
          <button type="submit" disabled={busy || !ready}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      {progress.phase !== 'idle' && (
        <div className="import-progress" aria-live="polite">
          <label htmlFor="import-progress-bar">
            {LABEL[progress.phase]}
            {progress.phase === 'importing' &&
              progress.total > 0 &&
              ` — ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} items`}
            {progress.phase === 'uploading' && percent !== undefined && ` — ${percent}%`}
          </label>
          {/* Without a value the bar is indeterminate (checking the file). */}
          <progress
            id="import-progress-bar"
            max={100}
            value={progress.phase === 'reading' ? undefined : (percent ?? 100)}
          />
        </div>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      {report && <ImportReportView report={report} />}
    </section>
  )
}

function ImportReportView({ report }: { report: Omit<ImportReport, 'touched'> }) {
  const c = report.comments
  const rows: [string, number, number, string?][] = [
    ['Posts', report.posts.created, report.posts.existing],
    ['Pages', report.pages.created, report.pages.existing],
    [
      'Comments and linkbacks',
      c.created,
      c.existing,
      `${c.byKind.COMMENT} comments, ${c.byKind.TRACKBACK} trackbacks, ${c.byKind.PINGBACK} pingbacks, ${c.byKind.WEBMENTION} webmentions`,
    ],
    ['Authors', report.authors.created, report.authors.existing],
    ['Tags (and categories)', report.tags.created, report.tags.existing],
    ['Old addresses redirected', report.redirects.created, report.redirects.existing],
    [
      'Attachments',
      report.attachments.stored + report.attachments.linked,
      report.attachments.existing,
      `${report.attachments.stored} copied into the media library, ${report.attachments.linked} kept at their original address`,
    ],
  ]
  return (
    <section aria-labelledby="report-heading" className="import-report">
      <h2 id="report-heading">Import report</h2>
      <p role="status">
        {report.stoppedAt ? 'The import stopped part-way' : 'Imported'} from {report.site} (WXR {report.wxrVersion},{' '}
        {report.items.toLocaleString()} items) in {(report.durationMs / 1000).toFixed(1)} s.
      </p>
      {report.stoppedAt && (
        <p className="notice error" role="alert">
          Stopped at {report.stoppedAt}. Everything before it was imported whole; fix the file and import it again to
          continue.
        </p>
      )}
      {/* Focusable, so a keyboard can scroll it on a phone: the table holds nothing else to focus. */}
      <AdminTable columns={['What', 'New', 'Already here', 'Details']} label="Import report table">
        {rows.map(([what, created, existing, details]) => (
          <tr key={what}>
            <th scope="row">{what}</th>
            <td>{created.toLocaleString()}</td>
            <td>{existing.toLocaleString()}</td>
            <td>{details ?? ''}</td>
          </tr>
        ))}
      </AdminTable>
      {report.skipped.length > 0 && (
        <>
          <h3>Skipped</h3>
          <ul>
            {report.skipped.map((s) => (
              <li key={`${s.what}-${s.why}`}>
                {s.count.toLocaleString()} × {s.what}: {s.why}
                {s.examples.length > 0 && <span className="muted"> — e.g. {s.examples.slice(0, 3).join('; ')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
