'use client'
// The post editor's featured image: one of the media library's images, or none.

import { Field } from '../field'
import type { MediaChoice } from './image-inserter'
import { Options } from './options'
import type { EditorFields } from './use-post-editor'

export function FeaturedImageField({ values, set, media }: EditorFields & { media: MediaChoice[] }) {
  return (
    <Field id="featuredImageId" label="Featured image">
      {(control) => (
        <select {...control} name="featuredImageId" value={values.featuredImageId} onChange={set('featuredImageId')}>
          <option value="">None</option>
          <Options items={media} value={(m) => m.id} label={(m) => m.alt} />
        </select>
      )}
    </Field>
  )
}
