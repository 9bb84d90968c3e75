import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyPlan } from '../../apply/apply-plan.js'
import type { ShareConnections } from '../../connections.js'
import { defineDatashare } from '../../desired-state.js'
import { ApplyError } from '../../errors.js'
import { planDatashare, planTeardown } from '../../plan/planner.js'
import { CONSUMER_NS, PRODUCER_NS, piiScenario, seedScenario } from '../../test-fixtures.js'
import { redshiftRenderer } from './redshift-renderer.js'
import { readRedshiftState } from './redshift-state-reader.js'
import { createRedshiftEmulator, type RedshiftEmulator } from './test-redshift-emulator.js'

/** A fake clock: sleeping advances time instantly, so waits are tested without waiting. */
function fakeClock() {
  let t = 0
  const sleeps: number[] = []
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      t += ms
    },
    sleeps,
  }
}

function connect(emu: RedshiftEmulator, names: readonly string[]): ShareConnections {
  return {
    producer: emu.kysely(PRODUCER_NS),
    consumers: Object.fromEntries(names.map((n, i) => [n, emu.kysely(CONSUMER_NS[i]!)])),
  }
}

describe('Redshift target on the SVV emulator (PGlite)', () => {
  const renderer = redshiftRenderer()
  let emu: RedshiftEmulator
  beforeAll(async () => {
    emu = await createRedshiftEmulator({
      producer: PRODUCER_NS,
      consumers: CONSUMER_NS,
      visibilityDelay: 3,
    })
  })
  afterAll(async () => {
    await emu.pg.close()
  })

  it('seed scenario: apply waits for visibility, then re-plan is empty', async () => {
    const share = defineDatashare(seedScenario)
    const connections = connect(emu, ['consumer_1', 'consumer_2', 'consumer_3'])
    const plan = planDatashare(share, await readRedshiftState(share, connections), renderer)
    expect(plan.steps.map((s) => s.action.kind)).toEqual([
      'create-share',
      'add-schema',
      'add-all-tables',
      'grant-usage',
      'grant-usage',
      'grant-usage',
      'create-database',
      'create-database',
      'create-database',
    ])
    const clock = fakeClock()
    const seen: string[] = []
    const result = await applyPlan(plan, connections, {
      ...clock,
      pollIntervalMs: 5_000,
      onOutcome: (o) => seen.push(o.status),
    })
    expect(seen).toEqual(plan.statements.map(() => 'applied'))
    // The share became visible on each consumer after a few polls; the applier slept between them.
    const creates = result.outcomes.filter((o) => o.statement.sql.startsWith('CREATE DATABASE'))
    expect(creates.map((o) => o.polls)).toEqual([4, 4, 4])
    expect(clock.sleeps.every((ms) => ms === 5_000)).toBe(true)
    expect(creates[0]!.waitedMs).toBe(15_000)

    const again = planDatashare(share, await readRedshiftState(share, connections), renderer)
    expect(again.isEmpty).toBe(true)
  })

  it('changes are minimal: drop one consumer, make one public, add readers', async () => {
    const spec = {
      ...seedScenario,
      consumers: [
        {
          ...seedScenario.consumers[0]!,
          publiclyAccessible: true,
          readers: [{ role: 'bi' }, { user: 'alice' }],
        },
        seedScenario.consumers[1]!,
      ],
    }
    const share = defineDatashare(spec)
    const connections = connect(emu, ['consumer_1', 'consumer_2'])
    const plan = planDatashare(share, await readRedshiftState(share, connections), renderer)
    expect(plan.statements.map((s) => [s.side, s.sql])).toEqual([
      ['producer', 'ALTER DATASHARE "airline_share" SET PUBLICACCESSIBLE = TRUE'],
      ['producer', `REVOKE USAGE ON DATASHARE "airline_share" FROM NAMESPACE '${CONSUMER_NS[2]}'`],
      ['consumer:consumer_1', 'GRANT USAGE ON DATABASE "airline_shared_1" TO ROLE "bi"'],
      ['consumer:consumer_1', 'GRANT USAGE ON DATABASE "airline_shared_1" TO "alice"'],
    ])
    await applyPlan(plan, connections)
    expect(
      planDatashare(share, await readRedshiftState(share, connections), renderer).isEmpty,
    ).toBe(true)
  })

  it('teardown: consumer databases dropped, grants revoked, datashare dropped, in that order', async () => {
    const share = defineDatashare(seedScenario)
    const connections = connect(emu, ['consumer_1', 'consumer_2', 'consumer_3'])
    const plan = planTeardown(share, await readRedshiftState(share, connections), renderer)
    expect(plan.statements.map((s) => s.sql.split(' ').slice(0, 2).join(' '))).toEqual([
      'DROP DATABASE',
      'DROP DATABASE',
      'REVOKE USAGE',
      'REVOKE USAGE',
      'DROP DATASHARE',
    ])
    await applyPlan(plan, connections)
    const after = await readRedshiftState(share, connections)
    expect(after.share).toBeUndefined()
    expect(planTeardown(share, after, renderer).isEmpty).toBe(true)
  })

  it('PII scenario with policies: apply, then re-plan is empty', async () => {
    const share = defineDatashare(piiScenario)
    const connections = connect(emu, ['analytics', 'reporting'])
    const plan = planDatashare(share, await readRedshiftState(share, connections), renderer)
    await applyPlan(plan, connections, { ...fakeClock(), pollIntervalMs: 1 })
    expect(
      planDatashare(share, await readRedshiftState(share, connections), renderer).isEmpty,
    ).toBe(true)
    const masked = emu.log.filter((l) => l.sql.startsWith('ATTACH MASKING')).map((l) => l.namespace)
    expect(masked).toEqual([CONSUMER_NS[0], CONSUMER_NS[1]])
    await applyPlan(
      planTeardown(share, await readRedshiftState(share, connections), renderer),
      connections,
    )
  })

  describe('applier failures', () => {
    // Runs after the scenarios above have torn everything down; grants now never become visible.
    beforeAll(() => {
      emu.visibilityDelay = 1_000_000
    })

    it('gives up when the share never becomes visible, after the timeout, naming the side', async () => {
      const share = defineDatashare({
        ...seedScenario,
        consumers: seedScenario.consumers.slice(0, 1),
      })
      const connections = connect(emu, ['consumer_1'])
      const plan = planDatashare(
        share,
        await readRedshiftState(share, connections),
        redshiftRenderer(),
      )
      const clock = fakeClock()
      const error = await applyPlan(plan, connections, {
        ...clock,
        visibilityTimeoutMs: 60_000,
        pollIntervalMs: 10_000,
      }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ApplyError)
      const e = error as ApplyError
      expect(e.code).toBe('SHARE_NOT_VISIBLE')
      expect(e.side).toBe('consumer:consumer_1')
      expect(e.statement).toMatch(/^CREATE DATABASE "airline_shared_1"/)
      expect(clock.now()).toBeLessThanOrEqual(60_000)
      expect(e.outcomes.filter((o) => o.status === 'applied')).toHaveLength(
        plan.statements.length - 1,
      )
    })

    it('stops at the first server error with the statement, side and server message', async () => {
      // The share already exists (previous test), so a plan made for an empty state fails at once.
      const share = defineDatashare({
        ...seedScenario,
        consumers: seedScenario.consumers.slice(0, 1),
      })
      const connections = connect(emu, ['consumer_1'])
      const stale = planDatashare(
        share,
        { ...(await readRedshiftState(share, connections)), share: undefined },
        redshiftRenderer(),
      )
      const before = emu.log.length
      const e = (await applyPlan(stale, connections).catch((x: unknown) => x)) as ApplyError
      expect(e).toBeInstanceOf(ApplyError)
      expect(e.code).toBe('STATEMENT_FAILED')
      expect(e.side).toBe('producer')
      expect(e.statement).toBe('CREATE DATASHARE "airline_share"')
      expect(e.serverMessage).toBe('Datashare airline_share already exists')
      expect(e.outcomes.map((o) => o.status)).toEqual(['failed'])
      expect(emu.log.length - before).toBe(1)
    })

    it('refuses a plan whose consumer has no connection before running anything', async () => {
      const share = defineDatashare(seedScenario)
      const plan = planDatashare(
        share,
        await readRedshiftState(share, connect(emu, ['consumer_1', 'consumer_2', 'consumer_3'])),
        redshiftRenderer(),
      )
      const before = emu.log.length
      const e = (await applyPlan(plan, connect(emu, ['consumer_1'])).catch(
        (x: unknown) => x,
      )) as ApplyError
      expect(e.code).toBe('MISSING_CONNECTION')
      expect(e.field).toBe('connections.consumers.consumer_2')
      expect(emu.log.length).toBe(before)
    })
  })
})
