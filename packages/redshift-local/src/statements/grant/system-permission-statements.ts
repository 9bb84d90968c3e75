import { commandResult, type StatementContext } from '../../account/session.js'
import type { QueryResult } from '../../account/types.js'
import {
  NOT_IN_ALL,
  SYSTEM_PERMISSIONS,
  type SystemPermission,
  UNGRANTABLE_SYSTEM_PERMISSIONS,
} from '../../catalog/system-permissions.js'
import { notEmulated, ruleError } from '../../errors.js'
import type { RedshiftCommand } from '../../sql/redshift-grammar.js'
import { granteePrincipal, requirePrivilege } from '../support.js'

type Result = Omit<QueryResult, 'queryId' | 'notices'>
type Cmd<K extends RedshiftCommand['kind']> = Extract<RedshiftCommand, { kind: K }>

/**
 * What `ALL [PRIVILEGES]` grants: the list of the GRANT syntax for system permissions. IGNORE
 * RLS, EXPLAIN RLS and EXPLAIN MASKING have GRANT forms of their own (DG:r_GRANT); ACCESS
 * SYSTEM TABLE is not in that list (D-20).
 */
const ALL_PRIVILEGES: readonly SystemPermission[] = SYSTEM_PERMISSIONS.filter(
  (p) => !UNGRANTABLE_SYSTEM_PERMISSIONS.has(p) && !NOT_IN_ALL.has(p),
)

/**
 * D-15: `GRANT { system permission [, …] | ALL } TO ROLE r [, …]` and its REVOKE … FROM ROLE,
 * by a superuser, to roles only (DG:r_GRANT, DG:r_REVOKE); kept in rsl.system_privilege and
 * listed by SVV_SYSTEM_PRIVILEGES. The system-defined roles keep the permissions they have.
 */
export async function grantSystemStatement(
  c: Cmd<'grant-system'>,
  ctx: StatementContext,
): Promise<Result> {
  const s = ctx.session
  const verb = c.revoke ? 'REVOKE' : 'GRANT'
  const ungrantable = c.permissions.filter((p) => UNGRANTABLE_SYSTEM_PERMISSIONS.has(p))
  if (ungrantable.length > 0) throw notEmulated(`${verb} ${ungrantable.join(', ')}`, ctx.text)
  if (c.grantees.some((g) => g.kind !== 'role'))
    throw c.permissions.length > 0 && c.permissions.every((p) => p === 'CREATE MODEL')
      ? notEmulated('GRANT CREATE MODEL to users, groups or PUBLIC', ctx.text)
      : ruleError(
          'D-15',
          `system permissions are ${c.revoke ? 'revoked from' : 'granted to'} roles only: ${verb} … ${c.revoke ? 'FROM' : 'TO'} ROLE role_name`,
          ctx.text,
          '0LP01',
        )
  requirePrivilege(
    ctx,
    false,
    'D-15',
    `permission denied: only a superuser ${c.revoke ? 'revokes' : 'grants'} system permissions`,
  )
  const permissions = c.all ? ALL_PRIVILEGES : c.permissions
  for (const g of c.grantees) {
    const role = await granteePrincipal(ctx, g)
    if (!role) continue // PUBLIC: refused above
    if (role.name.startsWith('sys:'))
      throw ruleError(
        'D-15',
        `the system-defined role ${role.name} holds fixed permissions and cannot be changed`,
        ctx.text,
        '42501',
      )
    for (const permission of permissions)
      await s.catalog(
        c.revoke
          ? 'DELETE FROM rsl.system_privilege WHERE role_id = $1::int AND privilege = $2'
          : 'INSERT INTO rsl.system_privilege (role_id, privilege) VALUES ($1::int, $2) ON CONFLICT DO NOTHING',
        [String(role.id), permission],
      )
  }
  return commandResult(verb)
}
