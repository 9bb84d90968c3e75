import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { LocalRedshift } from './local-redshift.js'

const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

it('keeps an account in a data directory and opens it again with its namespaces, secrets and data', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rsl-persist-'))
  dirs.push(dir)
  const first = await LocalRedshift.create({ dataDir: dir })
  const ns = await first.createNamespace({ name: 'kept', baseCapacity: 8 })
  const s = await first.connect({
    workgroup: 'kept',
    database: 'dev',
    identity: { kind: 'secret', arn: ns.adminSecretArn },
  })
  await s.execute('CREATE TABLE public.t (id INT); INSERT INTO public.t VALUES (1), (2)')
  await first.close()

  const again = await LocalRedshift.create({ dataDir: dir })
  const kept = again.namespace('kept')
  expect(kept).toMatchObject({ id: ns.id, adminSecretArn: ns.adminSecretArn, baseCapacity: 8 })
  const s2 = await again.connect({
    workgroup: 'kept',
    database: 'dev',
    identity: { kind: 'secret', arn: ns.adminSecretArn },
  })
  expect((await s2.query('SELECT count(*) FROM public.t')).rows).toEqual([['2']])
  await again.close()
}, 120_000)

it('D-15, D-16, D-20: an account kept by an earlier version gains the system permissions and their views when opened', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rsl-persist-'))
  dirs.push(dir)
  const first = await LocalRedshift.create({ dataDir: dir })
  const ns = await first.createNamespace({ name: 'older' })
  // What an earlier version's catalog lacked.
  const c = await first.engine.connect()
  await c.exec(
    'DROP VIEW rsl_sys.svv_user_info, rsl_sys.svv_system_privileges, rsl_sys.svv_user_grants, rsl_sys.svv_role_grants; DROP TABLE rsl.system_privilege',
  )
  await c.release()
  await first.close()

  const again = await LocalRedshift.create({ dataDir: dir })
  const s = await again.connect({
    workgroup: 'older',
    database: 'dev',
    identity: { kind: 'secret', arn: ns.adminSecretArn },
  })
  expect((await s.query('SELECT user_name FROM svv_user_info')).rows).toEqual([['admin']])
  expect(
    (
      await s.query(
        "SELECT count(*) FROM svv_system_privileges WHERE identity_name = 'sys:dba' AND system_privilege = 'CREATE SCHEMA'",
      )
    ).rows,
  ).toEqual([['1']])
  await s.execute('CREATE ROLE r; GRANT CREATE DATASHARE TO ROLE r')
  // D-20: what ACCESS SYSTEM TABLE shows, and the views of role grants.
  await s.execute('CREATE ROLE q; GRANT ROLE r TO ROLE q; GRANT ROLE "sys:monitor" TO admin')
  expect((await s.query('SELECT role_name, granted_role_name FROM svv_role_grants')).rows).toEqual([
    ['q', 'r'],
  ])
  expect((await s.query('SELECT role_name FROM svv_user_grants')).rows).toEqual([['sys:monitor']])
  await again.close()
}, 120_000)
