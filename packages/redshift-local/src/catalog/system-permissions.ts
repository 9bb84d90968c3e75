/**
 * Redshift's system permissions (RBAC): what `GRANT { … } TO ROLE r` grants, and what the
 * system-defined roles hold (D-15). Names are written as SVV_SYSTEM_PRIVILEGES shows them
 * (`system_privilege`, e.g. `ALTER TABLE` for `sys:superuser` in the page's sample).
 *
 * Sources: the GRANT/REVOKE syntax "for granting system permissions to roles" (DG:r_GRANT,
 * DG:r_REVOKE, 2023) and the list "System permissions for RBAC" (DG:r_roles-system-privileges,
 * current), which adds IGNORE RLS, EXPLAIN RLS, EXPLAIN MASKING and ACCESS SYSTEM TABLE (D-20).
 */
export const SYSTEM_PERMISSIONS = Object.freeze([
  'CREATE USER',
  'DROP USER',
  'ALTER USER',
  'CREATE SCHEMA',
  'DROP SCHEMA',
  'ALTER DEFAULT PRIVILEGES',
  'ACCESS SYSTEM TABLE',
  'CREATE TABLE',
  'DROP TABLE',
  'ALTER TABLE',
  'CREATE OR REPLACE FUNCTION',
  'CREATE OR REPLACE EXTERNAL FUNCTION',
  'DROP FUNCTION',
  'CREATE OR REPLACE PROCEDURE',
  'DROP PROCEDURE',
  'CREATE OR REPLACE VIEW',
  'DROP VIEW',
  'CREATE MODEL',
  'DROP MODEL',
  'CREATE DATASHARE',
  'ALTER DATASHARE',
  'DROP DATASHARE',
  'CREATE LIBRARY',
  'DROP LIBRARY',
  'CREATE ROLE',
  'DROP ROLE',
  'TRUNCATE TABLE',
  'VACUUM',
  'ANALYZE',
  'CANCEL',
  'IGNORE RLS',
  'EXPLAIN RLS',
  'EXPLAIN MASKING',
] as const)

export type SystemPermission = (typeof SYSTEM_PERMISSIONS)[number]

/**
 * The permissions whose grant changes what the emulator lets a holder do (D-15): CREATE
 * DATASHARE (R-DS-2), ALTER DATASHARE (R-DS-4), DROP DATASHARE (R-DS-7), CREATE SCHEMA (D-9);
 * ACCESS SYSTEM TABLE changes what the privilege views show (D-20).
 * The others are granted, revoked and listed, but a holder is refused where the emulator
 * refused it before: stricter than Redshift, never more lenient.
 */
export const HONOURED_SYSTEM_PERMISSIONS = Object.freeze([
  'CREATE DATASHARE',
  'ALTER DATASHARE',
  'DROP DATASHARE',
  'CREATE SCHEMA',
  'ACCESS SYSTEM TABLE',
] as const satisfies readonly SystemPermission[])

/** A permission the emulator checks (the only ones `holdsSystemPermission` takes). */
export type HonouredSystemPermission = (typeof HONOURED_SYSTEM_PERMISSIONS)[number]

/**
 * Permissions the emulator refuses to grant (NOT_EMULATED): they change what a query returns
 * (IGNORE RLS) or what EXPLAIN shows, and granting them without their effect would give wrong
 * answers instead of a refusal. `sys:secadmin` and superusers keep bypassing RLS (D-3).
 */
export const UNGRANTABLE_SYSTEM_PERMISSIONS: ReadonlySet<SystemPermission> = new Set([
  'IGNORE RLS',
  'EXPLAIN RLS',
  'EXPLAIN MASKING',
])

/**
 * Permissions `ALL [PRIVILEGES]` does not grant: ACCESS SYSTEM TABLE is in the current list of
 * role permissions but not in the GRANT syntax whose list ALL stands for (D-20).
 */
export const NOT_IN_ALL: ReadonlySet<SystemPermission> = new Set(['ACCESS SYSTEM TABLE'])

const SYS_OPERATOR: readonly SystemPermission[] = [
  'ACCESS SYSTEM TABLE',
  'ANALYZE',
  'VACUUM',
  'CANCEL',
]

/**
 * What each system-defined role holds (DG:r_roles-default): `sys:superuser` every system
 * permission; `sys:dba` schemas, tables, procedures, functions, views and everything of
 * `sys:operator`; `sys:secadmin` users, roles, RLS and masking; `sys:operator` access to system
 * tables, ANALYZE, VACUUM, CANCEL; `sys:monitor` access to system tables (ACCESS SYSTEM TABLE,
 * D-20).
 */
export const SYSTEM_ROLE_PERMISSIONS: Readonly<Record<string, readonly SystemPermission[]>> =
  Object.freeze({
    'sys:superuser': SYSTEM_PERMISSIONS,
    'sys:dba': [
      'CREATE SCHEMA',
      'DROP SCHEMA',
      'CREATE TABLE',
      'DROP TABLE',
      'TRUNCATE TABLE',
      'CREATE OR REPLACE PROCEDURE',
      'DROP PROCEDURE',
      'CREATE OR REPLACE FUNCTION',
      'CREATE OR REPLACE EXTERNAL FUNCTION',
      'DROP FUNCTION',
      'CREATE OR REPLACE VIEW',
      'DROP VIEW',
      ...SYS_OPERATOR,
    ],
    'sys:secadmin': [
      'CREATE USER',
      'ALTER USER',
      'DROP USER',
      'CREATE ROLE',
      'DROP ROLE',
      'IGNORE RLS',
      'EXPLAIN RLS',
      'EXPLAIN MASKING',
    ],
    'sys:operator': SYS_OPERATOR,
    'sys:monitor': ['ACCESS SYSTEM TABLE'],
  })

/** SQL that gives the system-defined roles of every namespace their permissions (idempotent). */
export function seedSystemRolesSql(): string {
  const rows = Object.entries(SYSTEM_ROLE_PERMISSIONS).flatMap(([role, perms]) =>
    perms.map((p) => `('${role}', '${p}')`),
  )
  return `INSERT INTO rsl.system_privilege (role_id, privilege)
SELECT p.id, v.privilege FROM rsl.principal p
JOIN (VALUES ${rows.join(', ')}) AS v (role_name, privilege) ON v.role_name = p.name
WHERE p.kind = 'role'
ON CONFLICT DO NOTHING;`
}
