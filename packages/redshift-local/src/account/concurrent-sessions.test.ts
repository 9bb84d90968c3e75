// Sessions of different users on one account at the same time. On PGlite the engine's single
// session is shared, so a connection's turn must never run with another connection's role or
// settings (a session being opened, or the emulator's own catalog connections, run as the
// engine; a user's statements run as that user). On both engines, several first connections
// of one IAM caller create its database user once.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PostgresEngine } from '../engine/postgres/postgres-engine.js'
import { LocalRedshift } from './local-redshift.js'
import type { Session } from './session.js'
import type { Identity, NamespaceInfo } from './types.js'

const url = process.env.RSP_TEST_PG_URL
const engines: [string, () => Promise<LocalRedshift>][] = [['PGlite', () => LocalRedshift.create()]]
if (url)
  engines.push([
    'a PostgreSQL server',
    async () =>
      LocalRedshift.create({
        engine: await PostgresEngine.create({
          url,
          pool: (connectionString, max) => new pg.Pool({ connectionString, max }),
        }),
      }),
  ])

describe.each(engines)(
  'concurrent sessions of a superuser and ordinary users on %s',
  (_, create) => {
    let rs: LocalRedshift
    let ns: NamespaceInfo
    let admin: Session
    let reader: Session
    const adminId = (): Identity => ({ kind: 'secret', arn: ns.adminSecretArn })
    const readerId: Identity = { kind: 'password', user: 'reader', password: 'Reader123' }
    const connect = (identity: Identity) =>
      rs.connect({ workgroup: 'concurrent', database: 'dev', identity })

    beforeAll(async () => {
      rs = await create()
      ns = await rs.createNamespace({ name: 'concurrent' })
      admin = await connect(adminId())
      await admin.execute(`CREATE USER reader PASSWORD 'Reader123';
      CREATE SCHEMA m; CREATE TABLE m.t (id INT); GRANT USAGE ON SCHEMA m TO reader;
      GRANT SELECT, INSERT ON m.t TO reader`)
      reader = await connect(readerId)
    }, 60_000)
    afterAll(async () => {
      await rs?.close()
    })

    it('opens sessions while an ordinary user runs statements (the open reads the catalog as the engine)', async () => {
      // The ordinary user's statements take the engine between the steps of each open: each
      // open must still find its user in the catalog, not fail as the ordinary user.
      const busy = async () => {
        for (let i = 0; i < 10; i++) await reader.query('SELECT count(*) FROM m.t')
      }
      const opens = Array.from({ length: 8 }, (_, i) => connect(i % 2 === 0 ? adminId() : readerId))
      const [sessions] = await Promise.all([Promise.all(opens), busy(), busy()])
      for (const [i, s] of sessions.entries()) {
        expect((await s.query('SELECT current_user')).rows).toEqual([
          [i % 2 === 0 ? 'admin' : 'reader'],
        ])
        await s.close()
      }
    })

    it('runs every statement of many concurrent sessions as its own user', async () => {
      const work = async (i: number) => {
        const iam: Identity = { kind: 'iam', dbUser: `IAMR:role${i % 3}` }
        const identity = i % 3 === 0 ? adminId() : i % 3 === 1 ? readerId : iam
        const s = await connect(identity)
        const expected = i % 3 === 0 ? 'admin' : i % 3 === 1 ? 'reader' : `IAMR:role${i % 3}`
        const out: string[] = []
        for (let k = 0; k < 3; k++) {
          const r = await s.query(
            'SELECT current_user, (SELECT count(*) FROM svv_user_info WHERE user_name = current_user)',
          )
          out.push(`${r.rows[0]![0]} ${r.rows[0]![1]}`)
          if (i % 3 !== 2) await s.query(`INSERT INTO m.t VALUES (${i})`)
        }
        await s.close()
        return { expected, out }
      }
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => work(i)))
      for (const { expected, out } of results)
        expect(out).toEqual([1, 2, 3].map(() => `${expected} 1`))
      // The emulator's own catalog connection (no session state) runs as the engine too.
      await Promise.all([
        rs.putSecret('concurrent-secret', { username: 'reader', password: 'Reader123' }),
        reader.query('SELECT count(*) FROM m.t'),
        reader.query('SELECT count(*) FROM m.t'),
      ])
    })
  },
)
