// `npm run admin:password [email]`: gives an admin account a new generated password and prints it once.
import './lib/load-env.mjs'
import { db } from '../lib/db'
import { generatePassword, hashPassword } from '../lib/auth/password'

const email = process.argv[2]?.toLowerCase()
try {
  const user = email
    ? await db.user.findUnique({ where: { email } })
    : await db.user.findFirst({ where: { role: 'ADMIN' }, orderBy: { createdAt: 'asc' } })
  if (!user) {
    console.error(email ? `no account with the email ${email}` : 'no admin account yet: run npm start first')
    process.exitCode = 1
  } else {
    const password = process.env.ADMIN_PASSWORD || generatePassword()
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } })
    console.log(`New password for ${user.email}: ${process.env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : password}`)
  }
} finally {
  await db.$disconnect()
}
