import { LocalRedshift } from '@redshift-playground/redshift-local'
import { localRedshiftKysely } from '@redshift-playground/redshift-local/kysely'
import { sql } from 'kysely'
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
