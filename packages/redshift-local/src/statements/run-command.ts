import type { StatementContext } from '../account/session.js'
import type { QueryResult } from '../account/types.js'
import type { RedshiftCommand } from '../sql/redshift-grammar.js'
import { createDatabaseStatement, dropDatabaseStatement } from './database/database-statements.js'
import {
  alterDatashare,
  createDatashare,
  dropDatashare,
  grantDatashare,
} from './datashare/datashare-statements.js'
import { grantRoleStatement, grantStatement } from './grant/grant-statements.js'
import { grantSystemStatement } from './grant/system-permission-statements.js'
import {
  alterMaskingPolicy,
  alterRlsPolicy,
  alterTableMasking,
  alterTableRls,
  attachMaskingPolicy,
  attachRlsPolicy,
  createMaskingPolicy,
  createRlsPolicy,
  dropMaskingPolicy,
  dropRlsPolicy,
} from './policy/policy-statements.js'
import {
  alterUserStatement,
  createRoleStatement,
  createUserStatement,
  dropRoleStatement,
  dropUserStatement,
} from './principal/principal-statements.js'

type Result = Omit<QueryResult, 'queryId' | 'notices'>

/**
 * Runs one of Redshift's own statements. Statements that Redshift will not run in a
 * transaction block check that themselves; the rest run in the session's scope (the open
 * block, or a transaction of their own).
 */
export function runCommand(
  cmd: Exclude<
    RedshiftCommand,
    { kind: 'transaction' | 'set' | 'reset' | 'show' | 'maintenance' | 'unload' }
  >,
  ctx: StatementContext,
): Promise<Result> {
  const scoped = (fn: () => Promise<Result>) => ctx.session.inScope(fn)
  switch (cmd.kind) {
    case 'create-datashare':
      return scoped(() => createDatashare(cmd, ctx))
    case 'alter-datashare':
      return scoped(() => alterDatashare(cmd, ctx))
    case 'drop-datashare':
      return scoped(() => dropDatashare(cmd, ctx))
    case 'grant-datashare':
      return scoped(() => grantDatashare(cmd, ctx))
    case 'create-database':
      return scoped(() => createDatabaseStatement(cmd, ctx))
    case 'drop-database':
      return scoped(() => dropDatabaseStatement(cmd, ctx))
    case 'grant':
      return scoped(() => grantStatement(cmd, ctx))
    case 'grant-role':
      return scoped(() => grantRoleStatement(cmd, ctx))
    case 'grant-system':
      return scoped(() => grantSystemStatement(cmd, ctx))
    case 'create-user':
      return scoped(() => createUserStatement(cmd, ctx))
    case 'alter-user':
      return scoped(() => alterUserStatement(cmd, ctx))
    case 'drop-user':
      return scoped(() => dropUserStatement(cmd, ctx))
    case 'create-role':
    case 'create-group':
      return scoped(() => createRoleStatement(cmd, ctx))
    case 'drop-role':
      return scoped(() => dropRoleStatement(cmd, ctx))
    case 'create-rls-policy':
      return scoped(() => createRlsPolicy(cmd, ctx))
    case 'alter-rls-policy':
      return scoped(() => alterRlsPolicy(cmd, ctx))
    case 'attach-rls-policy':
    case 'detach-rls-policy':
      return scoped(() => attachRlsPolicy(cmd, ctx))
    case 'drop-rls-policy':
      return scoped(() => dropRlsPolicy(cmd, ctx))
    case 'alter-table-rls':
      return scoped(() => alterTableRls(cmd, ctx))
    case 'alter-table-masking':
      return scoped(() => alterTableMasking(cmd, ctx))
    case 'create-masking-policy':
      return scoped(() => createMaskingPolicy(cmd, ctx))
    case 'alter-masking-policy':
      return scoped(() => alterMaskingPolicy(cmd, ctx))
    case 'attach-masking-policy':
    case 'detach-masking-policy':
      return scoped(() => attachMaskingPolicy(cmd, ctx))
    case 'drop-masking-policy':
      return scoped(() => dropMaskingPolicy(cmd, ctx))
    case 'copy':
      // COPY loads its readers (gzip, CSV, Parquet) only when a statement needs them.
      return scoped(async () => (await import('./copy/copy-statement.js')).copyStatement(cmd, ctx))
  }
}
