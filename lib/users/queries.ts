// Admin reads of accounts.
import 'server-only'
import { db } from '@/lib/db'

export async function listUsers() {
  return db.user.findMany({
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      passwordHash: true,
      _count: { select: { posts: true } },
    },
  })
}

export async function getProfile(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { name: true, bio: true, avatarUrl: true, email: true, slug: true, notifyHeld: true, notifyApproved: true },
  })
}
