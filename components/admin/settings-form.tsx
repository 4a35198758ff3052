'use client'
// The site settings form: the site's name and address, time zone, paging and the comment rules.

import { useActionState } from 'react'
import { updateSettings } from '@/lib/settings/actions'
import type { FormState } from '@/lib/form-state'
import type { Settings } from '@/lib/settings/schema'
import { Field } from '../field'
import { FormMessage } from './form-message'

export function SettingsForm({ settings, timezones }: { settings: Settings; timezones: string[] }) {
  const [state, action, pending] = useActionState(updateSettings, {} as FormState)
  const v = (key: keyof Settings) => state.values?.[key] ?? String(settings[key])
  const checked = (
    key: 'moderateAll' | 'holdFirstTimeCommenters' | 'fediverseApproveFollowers' | 'fediverseSecureFetch',
  ) => (state.values ? state.values[key] === 'on' : settings[key])
  const e = state.errors ?? {}
  const text = (key: keyof Settings, label: string, hint?: string, type = 'text') => (
    <Field id={key} label={label} hint={hint} errors={e[key]}>
      {(control) => <input {...control} name={key} type={type} defaultValue={v(key)} key={v(key)} />}
    </Field>
  )
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <fieldset className="stack">
        <legend>Site</legend>
        {text('siteTitle', 'Site title')}
        {text('tagline', 'Tagline')}
        {text(
          'baseUrl',
          'Base URL',
          'The public address, e.g. https://blog.example.com. Empty: SITE_URL from the environment.',
          'url',
        )}
        {text(
          'siteMovedTo',
          'This blog has moved to',
          'Its new address, once it is set up there (e.g. restored from a backup). Reader pages and feeds here then answer with a permanent redirect to the same path there; the admin and the fediverse account stay. Empty: not moved.',
          'url',
        )}
        <Field id="timezone" label="Time zone" hint="Dates and scheduling use it." errors={e.timezone}>
          {(control) => (
            <select {...control} name="timezone" defaultValue={v('timezone')} key={v('timezone')}>
              {timezones.map((tz) => (
                <option key={tz}>{tz}</option>
              ))}
            </select>
          )}
        </Field>
        {text('postsPerPage', 'Posts per page', undefined, 'number')}
      </fieldset>
      <fieldset className="stack">
        <legend>Fediverse</legend>
        {text(
          'fediverseHandle',
          'Fediverse handle',
          'People follow the blog from Mastodon as @handle@your-host (letters, digits and _). Followers keep following it when it changes.',
        )}
        <Field
          id="fediverseObjectType"
          label="Posts appear on the fediverse as"
          hint="Mastodon shows an article as its title, summary and a link; a note in full in timelines."
          errors={e.fediverseObjectType}
        >
          {(control) => (
            <select
              {...control}
              name="fediverseObjectType"
              defaultValue={v('fediverseObjectType')}
              key={v('fediverseObjectType')}
            >
              <option value="Article">An article: title, summary and link</option>
              <option value="Note">A note: the whole post</option>
            </select>
          )}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            name="fediverseApproveFollowers"
            defaultChecked={checked('fediverseApproveFollowers')}
          />{' '}
          Approve followers: a follow waits in Admin → Fediverse until you accept it
        </label>
        <label className="checkbox">
          <input type="checkbox" name="fediverseSecureFetch" defaultChecked={checked('fediverseSecureFetch')} /> Secure
          fetch: the blog’s account and posts answer only servers that sign their requests (Mastodon’s “authorized
          fetch”)
        </label>
        <Field
          id="fediverseAlsoKnownAs"
          label="Moving here from another account"
          hint="The old account’s address (https://…/users/name), one a line. Then move from the old account: its followers follow this blog instead."
          errors={e.fediverseAlsoKnownAs}
        >
          {(control) => (
            <textarea {...control} name="fediverseAlsoKnownAs" rows={2} defaultValue={v('fediverseAlsoKnownAs')} />
          )}
        </Field>
      </fieldset>
      <fieldset className="stack">
        <legend>Comments</legend>
        <label className="checkbox">
          <input type="checkbox" name="moderateAll" defaultChecked={checked('moderateAll')} /> Hold every comment for
          moderation
        </label>
        <label className="checkbox">
          <input type="checkbox" name="holdFirstTimeCommenters" defaultChecked={checked('holdFirstTimeCommenters')} />{' '}
          Hold a commenter’s first comment; approve later ones once one was approved
        </label>
        {text('maxLinks', 'Hold comments with more links than', undefined, 'number')}
        {text('closeCommentsAfterDays', 'Close comments on posts older than (days, 0 = never)', undefined, 'number')}
        {text('threadDepth', 'Maximum depth of threaded replies', undefined, 'number')}
        <Field
          id="holdlist"
          label="Hold list"
          hint="One word, email, IP or domain a line: matching comments wait for moderation."
          errors={e.holdlist}
        >
          {(control) => <textarea {...control} name="holdlist" rows={4} defaultValue={v('holdlist')} />}
        </Field>
        <Field
          id="blocklist"
          label="Block list"
          hint="One a line: matching comments go straight to spam."
          errors={e.blocklist}
        >
          {(control) => <textarea {...control} name="blocklist" rows={4} defaultValue={v('blocklist')} />}
        </Field>
      </fieldset>
      <button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  )
}
