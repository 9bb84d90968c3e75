import { PGlite } from '@electric-sql/pglite'
import { Kysely, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DiagnosticsError } from '../errors/diagnostics-error.js'
import { RoleSessions } from '../session/role-sessions.js'
import { probeFreshness } from './freshness-probe.js'

// A consumer whose visibility is delayed on purpose: a row policy shows it only the markers
// listed in rsp_meta.released, which a "replicator" fills RELEASE_MS after it sees the marker
// committed. The probe must measure from the COMMIT, so its lag cannot be below that delay.
const RELEASE_MS = 150

let pglite: PGlite
let sessions: RoleSessions
// biome-ignore lint/suspicious/noExplicitAny: any database
let producer: Kysely<any>
// biome-ignore lint/suspicious/noExplicitAny: any database
let delayed: Kysely<any>
// biome-ignore lint/suspicious/noExplicitAny: any database
let direct: Kysely<any>

beforeAll(async () => {
  pglite = new PGlite()
  await pglite.exec(`
    create schema rsp_meta;
    create table rsp_meta.freshness_marker (marker_id varchar(64) not null, written_at timestamp not null);
    create table rsp_meta.released (marker_id varchar(64) not null);
    create role c_delayed nologin;
    create role c_direct nologin;
    grant usage on schema rsp_meta to c_delayed, c_direct;
    grant select on rsp_meta.freshness_marker, rsp_meta.released to c_delayed, c_direct;
    alter table rsp_meta.freshness_marker enable row level security;
    create policy released on rsp_meta.freshness_marker for select to c_delayed
      using (marker_id in (select marker_id from rsp_meta.released));
    create policy everything on rsp_meta.freshness_marker for select to c_direct using (true);`)
  sessions = new RoleSessions(new PGliteDialect(pglite))
  producer = new Kysely({ dialect: sessions.dialect() })
  delayed = new Kysely({ dialect: sessions.dialect('c_delayed') })
  direct = new Kysely({ dialect: sessions.dialect('c_direct') })
})

afterAll(async () => {
  await sessions.destroy()
})

/** Releases every committed marker RELEASE_MS after seeing it, until stopped. */
function replicator() {
  const stop = new AbortController()
  const done = (async () => {
    const handled = new Set<string>()
    while (!stop.signal.aborted) {
      const r = await sql<{
        marker_id: string
      }>`select marker_id from rsp_meta.freshness_marker`.execute(producer)
      for (const { marker_id } of r.rows)
        if (!handled.has(marker_id)) {
          handled.add(marker_id)
          setTimeout(() => {
            void sql`insert into rsp_meta.released values (${marker_id})`.execute(producer)
          }, RELEASE_MS)
        }
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  })()
  return { stop: () => stop.abort(), done }
}

describe('probeFreshness', () => {
  it('measures from the producer COMMIT: a consumer released 150 ms later lags at least that; one reading the table directly sees it on its first read', async () => {
    const r = replicator()
    try {
      const report = await probeFreshness({
        producer,
        consumers: [
          { name: 'delayed', db: delayed },
          { name: 'direct', db: direct },
        ],
        samples: 2,
        pollIntervalMs: 10,
        timeoutMs: 5000,
      })
      expect(report.markers).toBe(2)
      expect(report.removed).toBe(2)
      const [slow, fast] = report.consumers
      expect(slow?.visible).toBe(2)
      for (const s of slow?.samples ?? []) {
        expect(s.lagMs).toBeGreaterThanOrEqual(RELEASE_MS - 10)
        expect(s.polls).toBeGreaterThan(1)
      }
      expect(slow?.lagMs?.p50).toBeLessThanOrEqual(slow?.lagMs?.max as number)
      // Same database, other session: visible at COMMIT, so the first read sees it.
      expect(fast?.samples.map((s) => s.polls)).toEqual([1, 1])
      expect(fast?.lagMs?.max).toBeLessThan(slow?.lagMs?.p50 as number)
    } finally {
      r.stop()
      await r.done
    }
    const left = await sql<{
      n: number
    }>`select count(*)::int as n from rsp_meta.freshness_marker`.execute(producer)
    expect(left.rows[0]?.n).toBe(0)
  })

  it('counts a marker never seen within the timeout as missed, and deletes it', async () => {
    const report = await probeFreshness({
      producer,
      consumers: [{ name: 'delayed', db: delayed }],
      samples: 1,
      pollIntervalMs: 10,
      timeoutMs: 60,
    })
    expect(report.consumers[0]).toMatchObject({ visible: 0, missed: 1, failed: 0, lagMs: null })
    expect(report.consumers[0]?.samples[0]?.polls).toBeGreaterThan(1)
    expect(report.removed).toBe(1)
  })

  it('writes no marker after `stop` aborts, and reads three-part names for a consumer database', async () => {
    const stop = new AbortController()
    stop.abort()
    const none = await probeFreshness({
      producer,
      consumers: [{ name: 'direct', db: direct }],
      stop: stop.signal,
    })
    expect(none.markers).toBe(0)
    const mounted = await probeFreshness({
      producer,
      consumers: [{ name: 'direct', db: direct, database: 'core_direct' }],
      samples: 1,
      pollIntervalMs: 10,
    })
    expect(mounted.consumers[0]?.table).toBe('"core_direct"."rsp_meta"."freshness_marker"')
    // PostgreSQL refuses cross-database references: the read error is reported, not thrown.
    expect(mounted.consumers[0]?.failed).toBe(1)
    expect(mounted.consumers[0]?.samples[0]?.error).toMatch(/cross-database references/)
  })

  it('throws DiagnosticsError: OPTION_INVALID for a bad table name, PROBE_FAILED when the producer cannot write', async () => {
    await expect(
      probeFreshness({ producer, consumers: [], table: 'freshness_marker' }),
    ).rejects.toMatchObject({ code: 'OPTION_INVALID', field: 'table' })
    const error = await probeFreshness({
      producer: direct,
      consumers: [],
      samples: 1,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DiagnosticsError)
    expect(error).toMatchObject({ code: 'PROBE_FAILED', value: 'rsp_meta.freshness_marker' })
    expect((error as Error).message).toMatch(/permission denied/)
    expect((error as Error).cause).toBeInstanceOf(Error)
  })
})
