// The `--iam-identity` admin preflight (adminPreflight) end to end on the emulated account:
// redshift-local's Serverless control plane and Data API, reached with the real AWS SDK v3
// clients signed as an IAM *user* (database user `IAM:deployer`, R-IAM-1). The deploy ran once
// with the managed admin secret, so the shared schemas exist and belong to the admin; the
// preflight reads the documented system views as the IAM user (SVV_USER_INFO D-16,
// SVV_DATABASE_PRIVILEGES R-SVV-6, SVV_REDSHIFT_DATABASES, SVV_SYSTEM_PRIVILEGES D-15,
// SVV_USER_GRANTS and SVV_ROLE_GRANTS D-20, SVV_ALL_SCHEMAS, SVV_TABLES), refuses it with the grants to run, and passes once an admin ran
// them; the data steps — the migration check and the datashares — then run as that user.
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data'
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless'
import {
  type DataApiServer,
  LocalRedshift,
  startDataApiServer,
} from '@redshift-playground/redshift-local'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { plannedWorkgroups } from '../config/planned-workgroups.js'
import { validateConfigOrFail } from '../config/validate-config.js'
import { migrateProducer, usingProducerKysely } from '../load/redshift-load.js'
import { shareOnRedshift } from '../share/redshift-share.js'
import {
  adminPreflight,
  adminWorkgroups,
  assertPreflight,
  grantsFor,
  type PreflightFinding,
  SHARED_SCHEMAS,
} from './admin-identity.js'

/** An IAM user (not a role): Serverless maps it to the database user `IAM:<user>` (R-IAM-1). */
const DEPLOYER = {
  accessKeyId: 'AKIDDEPLOYER',
  secretAccessKey: 'deployer-secret',
  arn: 'arn:aws:iam::123456789012:user/deployer',
} as const
const ME = 'IAM:deployer'
const NEEDS = { load: true, share: true } as const
const config = validateConfigOrFail({ project: 'airline', region: 'us-east-1' })
const workgroups = adminWorkgroups(plannedWorkgroups(config), NEEDS)

let rs: LocalRedshift
let server: DataApiServer
let clients: { serverless: RedshiftServerlessClient; data: RedshiftDataClient }

/** SQL as a namespace's admin user (its managed admin secret), behind the Data API's back. */
async function asAdmin(workgroup: string, statements: readonly string[]) {
  const ns = rs.namespace(workgroup)
  if (!ns) throw new Error(`no namespace ${workgroup}`)
  const s = await rs.connect({
    workgroup,
    database: 'dev',
    identity: { kind: 'secret', arn: ns.adminSecretArn },
  })
  try {
    const results = []
    for (const statement of statements) results.push(await s.query(statement))
    return results
  } finally {
    await s.close()
  }
}

const preflight = () =>
  adminPreflight({
    serverless: clients.serverless,
    data: clients.data,
    workgroups,
    database: 'dev',
    choice: { iamIdentity: true },
    needs: NEEDS,
  })
const byWorkgroup = (findings: readonly PreflightFinding[]) =>
  Object.fromEntries(findings.map((f) => [f.workgroup, f]))

beforeAll(async () => {
  rs = await LocalRedshift.create()
  for (const w of workgroups) await rs.createNamespace({ name: w.name })
  server = await startDataApiServer({
    redshift: rs,
    principals: [DEPLOYER],
    defaultPrincipal: null, // every request is signed by the IAM user
  })
  const sdk = { endpoint: server.url, region: 'us-east-1', credentials: DEPLOYER }
  clients = { serverless: new RedshiftServerlessClient(sdk), data: new RedshiftDataClient(sdk) }
  // An earlier deploy with the managed admin secret made the shared schemas, owned by the admin.
  const producer = rs.namespace('airline-producer')!
  await usingProducerKysely(
    clients.data,
    { workgroupName: producer.workgroup, database: 'dev', secretArn: producer.adminSecretArn },
    'rsp-test',
    migrateProducer,
  )
  // Grants to others exist: a role the IAM user does not hold has CREATE on dev. The user sees
  // only the rows of identities it is or holds (R-SVV-6), so this one is not taken for its own.
  await asAdmin(producer.workgroup, [
    'CREATE ROLE etl_admins',
    'GRANT CREATE ON DATABASE dev TO ROLE etl_admins',
    'GRANT CREATE DATASHARE TO ROLE etl_admins',
  ])
}, 180_000)
afterAll(async () => {
  clients?.serverless.destroy()
  clients?.data.destroy()
  await server?.close()
  await rs?.close()
})

describe('adminPreflight --iam-identity on the emulator, as an IAM user (R-IAM-1, R-IAM-3, D-9, D-15, D-16, D-20, R-SVV-6, R-DS-2, R-DS-10)', () => {
  it('an IAM user without grants is refused on every workgroup with the grants an admin runs, the shared schemas made by the admin included', {
    timeout: 120_000,
  }, async () => {
    const findings = byWorkgroup(await preflight())
    const producer = findings['airline-producer']!
    expect(producer.severity).toBe('fail')
    // The views were readable as the IAM user: nothing is "not confirmed".
    expect(producer.message).toBe(
      `airline-producer: your IAM identity ${ME} lacks CREATE on database dev (CREATE SCHEMA airline_dw); ` +
        'CREATE DATASHARE (superuser, owner of the database, or the CREATE DATASHARE permission through a role); ' +
        `the tables of ${SHARED_SCHEMAS.join(', ')}, made by another user (the load writes them, the published views read them)`,
    )
    expect(producer.evidence).toEqual({
      user: ME,
      superuser: false,
      createdb: false,
      createOnDatabase: false,
      ownsDatabase: false,
      systemPrivileges: '',
    })
    // The schemas exist (the admin made them), so their tables are granted too.
    expect(producer.grants).toEqual(grantsFor('producer', ME, 'dev', NEEDS, SHARED_SCHEMAS))
    expect(producer.grants).toContain(
      `GRANT SELECT, INSERT, DELETE ON ALL TABLES IN SCHEMA airline_dw TO "${ME}"`,
    )
    for (const w of workgroups.filter((x) => x.role === 'consumer')) {
      const f = findings[w.name]!
      expect(f.severity).toBe('fail')
      expect(f.message).toBe(
        `${w.name}: your IAM identity ${ME} lacks CREATEDB (CREATE DATABASE … FROM DATASHARE)`,
      )
      expect(f.grants).toEqual([`ALTER USER "${ME}" CREATEDB`])
    }
    expect(() => assertPreflight(Object.values(findings))).toThrow(
      /the admin identity cannot run the data steps, so none ran:[\s\S]*GRANT CREATE ON DATABASE dev TO "IAM:deployer"/,
    )
  })

  it("an IAM user holding ACCESS SYSTEM TABLE (sys:monitor) sees every role's rows, yet only its own roles count: refused (D-20)", {
    timeout: 120_000,
  }, async () => {
    // AWS's advice for query monitoring (MG:serverless-monitor-access-user). sys:monitor holds
    // ACCESS SYSTEM TABLE, so SVV_DATABASE_PRIVILEGES and SVV_SYSTEM_PRIVILEGES show it the rows
    // of etl_admins and sys:superuser (CREATE on dev, CREATE DATASHARE), roles it does not hold.
    await asAdmin('airline-producer', [`GRANT ROLE "sys:monitor" TO "${ME}"`])
    try {
      const [seen] = await asAdmin('airline-producer', [
        `SELECT count(*) FROM svv_user_grants WHERE user_name = '${ME}' AND role_name = 'sys:monitor'`,
      ])
      expect(seen?.rows).toEqual([['1']])
      const producer = byWorkgroup(await preflight())['airline-producer']!
      expect(producer.severity).toBe('fail')
      expect(producer.message).toBe(
        `airline-producer: your IAM identity ${ME} lacks CREATE on database dev (CREATE SCHEMA airline_dw); ` +
          'CREATE DATASHARE (superuser, owner of the database, or the CREATE DATASHARE permission through a role); ' +
          `the tables of ${SHARED_SCHEMAS.join(', ')}, made by another user (the load writes them, the published views read them)`,
      )
      expect(producer.evidence).toMatchObject({
        createOnDatabase: false,
        systemPrivileges: 'ACCESS SYSTEM TABLE',
      })
    } finally {
      await asAdmin('airline-producer', [`REVOKE ROLE "sys:monitor" FROM "${ME}"`])
    }
  })

  it('after an admin runs exactly the printed grants the preflight passes, and the migration check and the datashares run as the IAM user', {
    timeout: 300_000,
  }, async () => {
    for (const f of await preflight()) await asAdmin(f.workgroup, f.grants ?? [])
    const passed = await preflight()
    expect(passed.map((f) => [f.severity, f.message])).toEqual(
      workgroups.map((w) => [
        'ok',
        `${w.name}: your IAM identity ${ME} holds what the admin steps need`,
      ]),
    )
    expect(() => assertPreflight(passed)).not.toThrow()
    const producer = byWorkgroup(passed)['airline-producer']!
    expect(producer.access?.identity).toEqual({ kind: 'iam' })
    expect(producer.evidence).toMatchObject({
      user: ME,
      superuser: false,
      createOnDatabase: true,
      systemPrivileges: 'CREATE DATASHARE',
    })

    // The load's first step as the IAM user: every model column is visible through the
    // granted tables, so no migration runs again.
    await expect(
      usingProducerKysely(
        clients.data,
        { workgroupName: 'airline-producer', database: 'dev' },
        'rsp-test',
        migrateProducer,
      ),
    ).resolves.toEqual([])

    // The datashares as the IAM user: CREATE DATASHARE through the role's permission (D-15,
    // R-DS-2), the published views over the admin's tables, CREATE DATABASE … FROM DATASHARE
    // on the consumers with CREATEDB (R-DS-10).
    const planned = await shareOnRedshift(config, clients, { iamIdentity: true, dryRun: true })
    expect(planned.plan.isEmpty).toBe(false)
    const shared = await shareOnRedshift(config, clients, { iamIdentity: true })
    expect(shared.access.producer.identity).toEqual({ kind: 'iam' })
    expect(shared.outcomes.map((o) => o.status)).toEqual(
      planned.plan.statements.map(() => 'applied'),
    )
    const [owners] = await asAdmin('airline-producer', [
      "SELECT DISTINCT u.user_name FROM svv_datashares d JOIN svv_user_info u ON u.user_id = d.share_owner WHERE d.share_type = 'OUTBOUND'",
    ])
    expect(owners?.rows).toEqual([[ME]])
    for (const w of workgroups.filter((x) => x.role === 'consumer')) {
      const [made] = await asAdmin(w.name, [
        "SELECT DISTINCT u.user_name FROM svv_redshift_databases d JOIN svv_user_info u ON u.user_id = d.database_owner WHERE d.database_type = 'shared'",
      ])
      expect(made?.rows).toEqual([[ME]])
    }
    expect(
      (await shareOnRedshift(config, clients, { iamIdentity: true, dryRun: true })).plan.isEmpty,
    ).toBe(true)
  })
})
