// Names of the comment form's hidden fields, shared by the form (client) and the action (server). Kept free
// of imports so the client bundle stays small.

/** Honeypot: a field people never see or fill; bots fill every field. */
export const HONEYPOT_FIELD = 'website_url'
export const TOKEN_FIELD = 'form_token'

export interface CommentFormState {
  ok?: boolean
  status?: 'APPROVED' | 'PENDING'
  message?: string
  errors?: Partial<Record<'name' | 'email' | 'url' | 'content' | 'form', string[]>>
  values?: Record<string, string>
  /** The held comment, rendered, shown to its author only. */
  held?: { id: string; authorName: string; html: string }
}
