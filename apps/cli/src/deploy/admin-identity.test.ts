import { LocalRedshift } from '@redshift-playground/redshift-local'
import { localRedshiftKysely } from '@redshift-playground/redshift-local/kysely'
import {
  type CompiledQuery,
  type DatabaseConnection,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  sql,
} from 'kysely'
import { describe, expect, it } from 'vitest'
import {
  type CallerPrivileges,
  grantsFor,
  iamVerdict,
  identityChoice,
  readCallerPrivileges,
} from './admin-identity.js'

const SECRET =
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:redshift!airline-producer-admin-AbCdEf'
const none: CallerPrivileges = {
  user: 'IAMR:deployer',
  superuser: false,
  createdb: false,
  createOnDatabase: false,
  ownsDatabase: false,
  systemPrivileges: [],
  sharedSchemaExists: false,
  sharedSchemas: [],
  sharedTablesVisible: 0,
  unreadable: {},
}
const both = { load: true, share: true }

describe('identityChoice', () => {
  it('the flag, else load.secretArn, else the managed secret; --iam-identity sets load.secretArn aside', () => {
    expect(identityChoice({}, undefined)).toEqual({})
    expect(identityChoice({}, SECRET)).toEqual({ secretArn: SECRET })
    const other = SECRET.replace('AbCdEf', 'Other1')
    expect(identityChoice({ 'secret-arn': other }, SECRET)).toEqual({ secretArn: other })
    expect(identityChoice({ 'iam-identity': true }, SECRET)).toEqual({ iamIdentity: true })
  })

  it('refuses both flags, and a secret that is not an ARN (usage errors)', () => {
    expect(() => identityChoice({ 'secret-arn': SECRET, 'iam-identity': true })).toThrow(
      '--secret-arn and --iam-identity exclude each other',
    )
    expect(() => identityChoice({ 'secret-arn': 'admin' })).toThrow(
      '--secret-arn "admin" is not a Secrets Manager secret ARN',
    )
  })
})

describe('iamVerdict (D-8, D-9, R-DS-2, R-DS-10)', () => {
  it('an ordinary user lacks CREATE on the database, CREATE DATASHARE and CREATEDB', () => {
    expect(iamVerdict('producer', none, 'dev', both)).toEqual({
      ok: false,
      missing: [
        'CREATE on database dev (CREATE SCHEMA airline_dw)',
        'CREATE DATASHARE (superuser, owner of the database, or the CREATE DATASHARE permission through a role)',
      ],
    })
    expect(iamVerdict('consumer', none, 'dev', both).missing).toEqual([
      'CREATEDB (CREATE DATABASE … FROM DATASHARE)',
    ])
  })

  it('a superuser has everything', () => {
    const su = { ...none, superuser: true }
    expect(iamVerdict('producer', su, 'dev', both).ok).toBe(true)
    expect(iamVerdict('consumer', su, 'dev', both).ok).toBe(true)
  })

  it('the documented grants are enough: CREATE on the database, CREATE DATASHARE through a role, CREATEDB', () => {
    const granted = { ...none, createOnDatabase: true, systemPrivileges: ['CREATE DATASHARE'] }
    expect(iamVerdict('producer', granted, 'dev', both).ok).toBe(true)
    expect(
      iamVerdict('producer', { ...none, createOnDatabase: true }, 'dev', { load: true }).ok,
    ).toBe(true)
    expect(iamVerdict('producer', { ...none, ownsDatabase: true }, 'dev', both).ok).toBe(true)
    expect(iamVerdict('consumer', { ...none, createdb: true }, 'dev', both).ok).toBe(true)
    expect(iamVerdict('consumer', none, 'dev', { load: true }).ok).toBe(true) // no share: nothing needed
  })

  it('what the views could not confirm fails, marked as such', () => {
    const unknown: CallerPrivileges = {
      ...none,
      superuser: undefined,
      createdb: undefined,
      ownsDatabase: undefined,
      systemPrivileges: undefined,
      unreadable: { SVV_USER_INFO: 'relation "svv_user_info" does not exist' },
    }
    expect(iamVerdict('consumer', unknown, 'dev', both).missing).toEqual([
      'CREATEDB (CREATE DATABASE … FROM DATASHARE) (not confirmed)',
    ])
    // A CREATE grant the views show is enough whatever else they could not say.
    expect(
      iamVerdict('producer', { ...unknown, createOnDatabase: true }, 'dev', { load: true }).ok,
    ).toBe(true)
  })
})

describe('iamVerdict: the shared schema made by another user', () => {
  it('needs its tables granted (SVV_TABLES lists only what the identity may use), unless a superuser', () => {
    const loaded = {
      ...none,
      createOnDatabase: true,
      systemPrivileges: ['CREATE DATASHARE'],
      sharedSchemaExists: true,
    }
    expect(iamVerdict('producer', loaded, 'dev', { share: true }, 8).missing).toEqual([
      'the tables of airline_dw, rsp_meta, made by another user (the published views read them)',
    ])
    expect(iamVerdict('producer', { ...loaded, sharedTablesVisible: 8 }, 'dev', both, 8).ok).toBe(
      true,
    )
    expect(iamVerdict('producer', { ...loaded, superuser: true }, 'dev', both, 8).ok).toBe(true)
    expect(grantsFor('producer', 'IAMR:deployer', 'dev', both, true)).toEqual([
      'GRANT CREATE ON DATABASE dev TO "IAMR:deployer"',
      'GRANT USAGE, CREATE ON SCHEMA airline_dw TO "IAMR:deployer"',
      'GRANT SELECT, INSERT, DELETE ON ALL TABLES IN SCHEMA airline_dw TO "IAMR:deployer"',
      'GRANT USAGE, CREATE ON SCHEMA rsp_meta TO "IAMR:deployer"',
      'GRANT SELECT, INSERT, DELETE ON ALL TABLES IN SCHEMA rsp_meta TO "IAMR:deployer"',
      'CREATE ROLE rsp_datashare_admin',
      'GRANT CREATE DATASHARE TO ROLE rsp_datashare_admin',
      'GRANT ROLE rsp_datashare_admin TO "IAMR:deployer"',
    ])
  })
})

describe('grantsFor', () => {
  it('quotes the IAM user and names the database', () => {
    expect(grantsFor('producer', 'IAMR:deployer', 'airline', both)).toEqual([
      'GRANT CREATE ON DATABASE airline TO "IAMR:deployer"',
      'CREATE ROLE rsp_datashare_admin',
      'GRANT CREATE DATASHARE TO ROLE rsp_datashare_admin',
      'GRANT ROLE rsp_datashare_admin TO "IAMR:deployer"',
    ])
    expect(grantsFor('consumer', 'IAM:alice', 'dev', both)).toEqual([
      'ALTER USER "IAM:alice" CREATEDB',
    ])
  })
})

describe('readCallerPrivileges on the emulated account (R-SVV-5, R-SVV-6, D-15, D-16)', () => {
  it('reads the documented views as the IAM user: nothing before the grants grantsFor prints, each of them after', async () => {
    const rs = await LocalRedshift.create()
    try {
      const producer = await rs.createNamespace({ name: 'airline-producer' })
      const consumer = await rs.createNamespace({ name: 'airline-analytics' })
      const iam = { kind: 'iam', dbUser: 'IAMR:deployer' } as const
      const onProducer = localRedshiftKysely(rs, producer.workgroup, iam)
      const onConsumer = localRedshiftKysely(rs, consumer.workgroup, iam)
      const admin = (ns: typeof producer) =>
        localRedshiftKysely(rs, ns.workgroup, { kind: 'secret', arn: ns.adminSecretArn })
      // The first statement creates the IAM user (R-IAM-2): an ordinary one (R-IAM-3).
      expect(await readCallerPrivileges(onProducer, 'dev')).toEqual(none)
      expect(await readCallerPrivileges(onConsumer, 'dev')).toEqual(none)
      for (const [ns, role] of [
        [producer, 'producer'],
        [consumer, 'consumer'],
      ] as const) {
        const db = admin(ns)
        for (const grant of grantsFor(role, 'IAMR:deployer', 'dev', both))
          await sql.raw(grant).execute(db)
        await db.destroy()
      }
      const granted = await readCallerPrivileges(onProducer, 'dev')
      expect(granted).toEqual({
        ...none,
        createOnDatabase: true,
        systemPrivileges: ['CREATE DATASHARE'],
      })
      expect(iamVerdict('producer', granted, 'dev', both)).toEqual({ ok: true, missing: [] })
      const createdb = await readCallerPrivileges(onConsumer, 'dev')
      expect(createdb).toEqual({ ...none, createdb: true })
      expect(iamVerdict('consumer', createdb, 'dev', both)).toEqual({ ok: true, missing: [] })
      await onProducer.destroy()
      await onConsumer.destroy()
    } finally {
      await rs.close()
    }
  }, 120_000)
})

/**
 * A Kysely whose statements answer with the given rows of each system view, as the caller would
 * read them: a view given as an Error is unreadable (its statement fails).
 */
function viewsAnswering(views: Readonly<Record<string, readonly object[] | Error>>) {
  const connection: DatabaseConnection = {
    async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
      if (/select current_user as u/.test(q.sql)) return { rows: [{ u: 'IAMR:deployer' } as R] }
      const view = /from (svv_\w+)/.exec(q.sql)?.[1] ?? ''
      const rows = views[view] ?? []
      if (rows instanceof Error) throw rows
      return { rows: rows as R[] }
    },
    async *streamQuery() {
      yield { rows: [] }
    },
  }
  return new Kysely({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () =>
        Object.assign(new DummyDriver(), { acquireConnection: async () => connection }),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  })
}

describe('readCallerPrivileges over the rows the views show (R-SVV-6, D-15, D-20)', () => {
  const me = { svv_user_info: [{ user_id: 101, superuser: false, createdb: false }] }
  const createRow = (name: string, type: string, scope: string) => ({
    identity_name: name,
    identity_type: type,
    privilege_scope: scope,
  })

  it('R-SVV-6: CREATE of another privilege_scope (GRANT CREATE FOR SCHEMAS IN DATABASE) is not CREATE on the database', async () => {
    const scoped = await readCallerPrivileges(
      viewsAnswering({
        ...me,
        svv_database_privileges: [createRow('IAMR:deployer', 'user', 'SCHEMAS')],
      }),
      'dev',
    )
    expect(scoped.createOnDatabase).toBe(false)
    expect(iamVerdict('producer', scoped, 'dev', { load: true }).missing).toEqual([
      'CREATE on database dev (CREATE SCHEMA airline_dw)',
    ])
    const database = await readCallerPrivileges(
      viewsAnswering({
        ...me,
        svv_database_privileges: [createRow('IAMR:deployer', 'user', 'DATABASE')],
      }),
      'dev',
    )
    expect(database.createOnDatabase).toBe(true)
  })

  it("D-20: a caller that sees every row (ACCESS SYSTEM TABLE) counts only its own roles' rows, nested ones included", async () => {
    const seesAll = {
      ...me,
      svv_user_grants: [{ role_name: 'outer' }],
      svv_role_grants: [
        { role_name: 'outer', granted_role_name: 'inner' },
        { role_name: 'etl_admins', granted_role_name: 'loaders' },
      ],
      svv_system_privileges: [
        {
          system_privilege: 'CREATE DATASHARE',
          identity_name: 'sys:superuser',
          identity_type: 'role',
        },
        { system_privilege: 'CREATE DATASHARE', identity_name: 'loaders', identity_type: 'role' },
        { system_privilege: 'ALTER DATASHARE', identity_name: 'inner', identity_type: 'role' },
      ],
      svv_database_privileges: [createRow('etl_admins', 'role', 'DATABASE')],
    }
    const p = await readCallerPrivileges(viewsAnswering(seesAll), 'dev')
    expect(p.systemPrivileges).toEqual(['ALTER DATASHARE'])
    expect(p.createOnDatabase).toBe(false)
    const held = await readCallerPrivileges(
      viewsAnswering({
        ...seesAll,
        svv_database_privileges: [createRow('inner', 'role', 'DATABASE')],
      }),
      'dev',
    )
    expect(held.createOnDatabase).toBe(true)
    // PUBLIC's rows are everyone's.
    const pub = await readCallerPrivileges(
      viewsAnswering({
        ...seesAll,
        svv_database_privileges: [createRow('public', 'public', 'DATABASE')],
      }),
      'dev',
    )
    expect(pub.createOnDatabase).toBe(true)
  })

  it('D-20: without SVV_USER_GRANTS the role rows confirm nothing, and the verdict says so', async () => {
    const p = await readCallerPrivileges(
      viewsAnswering({
        ...me,
        svv_user_grants: new Error('relation "svv_user_grants" does not exist'),
        svv_system_privileges: [
          {
            system_privilege: 'CREATE DATASHARE',
            identity_name: 'sys:superuser',
            identity_type: 'role',
          },
        ],
        svv_database_privileges: [createRow('etl_admins', 'role', 'DATABASE')],
      }),
      'dev',
    )
    expect(p.unreadable).toEqual({ SVV_USER_GRANTS: 'relation "svv_user_grants" does not exist' })
    expect(p.createOnDatabase).toBeUndefined()
    expect(p.systemPrivileges).toBeUndefined()
    expect(iamVerdict('producer', p, 'dev', { share: true }).missing).toEqual([
      'CREATE on database dev (CREATE SCHEMA airline_dw) (not confirmed)',
      'CREATE DATASHARE (superuser, owner of the database, or the CREATE DATASHARE permission through a role) (not confirmed)',
    ])
  })
})

describe('shareIdentity', () => {
  it('--iam-identity: the share runs as the IAM identity even where a managed admin secret exists', async () => {
    const { shareIdentity } = await import('./admin-identity.js')
    const serverless = {
      send: async () => ({ namespace: { namespaceId: 'id', adminPasswordSecretArn: SECRET } }),
    }
    const data = { send: async () => ({}) }
    const iam = shareIdentity({ iamIdentity: true }, 'airline-producer', { serverless, data })
    expect(iam.options).toEqual({ iamIdentity: true })
    const { workgroupAccess } = await import('../share/redshift-share.js')
    expect(
      (await workgroupAccess(iam.clients.serverless, 'airline-producer', iam.options)).identity,
    ).toEqual({ kind: 'iam' })
    const given = shareIdentity({ secretArn: SECRET }, 'airline-producer', { serverless, data })
    expect(given.options).toEqual({ secretArns: { 'airline-producer': SECRET } })
    expect(given.clients.serverless).toBe(serverless)
    expect(shareIdentity({}, 'airline-producer', { serverless, data }).options).toEqual({})
  })
})
