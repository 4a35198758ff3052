// What the seed puts in every e2e database (prisma/seed-data), named once for all specs.
export const POST_1 = {
  title: 'I know when to give away a few daisies to sell a dozen roses.',
  slug: 'i-know-when-to-give-away-a-few-daisies-to-sell-a-dozen-roses',
}
export const POST_2 = {
  title: 'It is now all customers, all the time, I think',
  slug: 'it-is-now-all-customers-all-the-time-i-think',
}
