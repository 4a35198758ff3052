import type { Metadata } from 'next'
import { AdminTable } from '@/components/admin/admin-table'
import { CreateUserForm, ResendInvitationForm, ResetPasswordForm } from '@/components/admin/user-forms'
import { requireRole } from '@/lib/auth/session'
import { changeRole, removeUser } from '@/lib/users/actions'
import { listUsers } from '@/lib/users/queries'

export const metadata: Metadata = { title: 'Users' }

export default async function UsersPage() {
  const me = await requireRole('ADMIN', '/admin/users')
  const users = await listUsers()
  return (
    <>
      <h1>Users</h1>
      <AdminTable columns={['Name', 'Email', 'Role', 'Posts', 'Actions']}>
        {users.map((u) => (
          <tr key={u.id}>
            <td>
              {u.name}
              {!u.passwordHash && <span className="badge">no password yet</span>}
            </td>
            <td>{u.email}</td>
            <td>
              <form action={changeRole.bind(null, u.id)} className="filters">
                <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                  Role of {u.email}
                </label>
                <select id={`role-${u.id}`} name="role" defaultValue={u.role} disabled={u.id === me.id}>
                  <option value="AUTHOR">Author</option>
                  <option value="ADMIN">Admin</option>
                </select>
                {u.id !== me.id && (
                  <button type="submit" className="secondary">
                    Change role<span className="visually-hidden"> of {u.email}</span>
                  </button>
                )}
              </form>
            </td>
            <td>{u._count.posts}</td>
            <td className="stack">
              {!u.passwordHash && <ResendInvitationForm userId={u.id} email={u.email} />}
              <ResetPasswordForm userId={u.id} email={u.email} />
              {u.id !== me.id && (
                <form action={removeUser.bind(null, u.id)} className="filters">
                  <label htmlFor={`heir-${u.id}`}>Give their posts to</label>
                  <select id={`heir-${u.id}`} name="reassignTo" defaultValue={me.id}>
                    {users
                      .filter((o) => o.id !== u.id)
                      .map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                  </select>
                  <button type="submit" className="danger">
                    Remove<span className="visually-hidden"> {u.email}</span>
                  </button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </AdminTable>
      <CreateUserForm />
    </>
  )
}
