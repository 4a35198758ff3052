// The words every part of the linkback pipeline shares (receiving, storing, resolving the target, answering over
// HTTP): kept apart so that those modules depend on this one, not on each other.

export type MentionKind = 'TRACKBACK' | 'PINGBACK' | 'WEBMENTION'

/** Why a linkback was refused: each protocol answers with its own code for each (lib/mentions/http.ts). */
export type Refusal =
  'INVALID' | 'SOURCE_MISSING' | 'NO_LINK' | 'TARGET_MISSING' | 'TARGET_CLOSED' | 'DUPLICATE' | 'DENIED' | 'UPSTREAM'
