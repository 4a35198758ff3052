// The editor's publishing controls: where the post stands, and the buttons that save it into each status.

type Status = 'DRAFT' | 'SCHEDULED' | 'PUBLISHED'

/** The post's status (and its public page), then what is happening to the form now. */
export function EditorStatus({
  status,
  kind,
  publicUrl,
  note,
}: {
  status: Status
  kind: 'post' | 'page'
  publicUrl: string | null
  note: string
}) {
  return (
    <>
      <p className="form-status">
        Status: <strong>{status === 'DRAFT' ? 'Draft' : status === 'SCHEDULED' ? 'Scheduled' : 'Published'}</strong>
        {publicUrl && (
          <>
            {' · '}
            <a href={publicUrl}>View {kind}</a>
          </>
        )}
      </p>
      <p className="form-status" aria-live="polite">
        {note}
      </p>
    </>
  )
}

/** Update or unpublish a published post; save a draft or publish anything else. */
export function StatusButtons({ status, saving }: { status: Status; saving: boolean }) {
  return (
    <div className="editor-actions">
      {status === 'PUBLISHED' ? (
        <>
          <button type="submit" name="intent" value="update" disabled={saving}>
            Update
          </button>
          <button type="submit" name="intent" value="unpublish" className="secondary" disabled={saving}>
            Unpublish
          </button>
        </>
      ) : (
        <>
          <button type="submit" name="intent" value="draft" className="secondary" disabled={saving}>
            Save draft
          </button>
          <button type="submit" name="intent" value="publish" disabled={saving}>
            Publish now
          </button>
        </>
      )}
    </div>
  )
}

/** Below the time to publish at: schedule (or reschedule), and take a scheduled post back to draft. */
export function ScheduleButtons({ status, saving }: { status: Status; saving: boolean }) {
  return (
    <>
      <button type="submit" name="intent" value="schedule" className="secondary" disabled={saving}>
        {status === 'SCHEDULED' ? 'Reschedule' : 'Schedule'}
      </button>
      {status === 'SCHEDULED' && (
        <button type="submit" name="intent" value="unpublish" className="secondary" disabled={saving}>
          Back to draft
        </button>
      )}
    </>
  )
}
