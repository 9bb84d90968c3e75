import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createPlan, generate } from '../src/index.js'
import { workerUrl } from './worker-bundle.js'

describe('generate on lanes', () => {
  it.each([
    { lanes: '2 workers', workers: 2, encoding: 'csv' as const },
    { lanes: '2 workers', workers: 2, encoding: 'gzip' as const },
    // On the calling thread: four gzip lanes interleave a table's parts.
    { lanes: 'the calling thread', workers: 0, encoding: 'gzip' as const },
  ])(
    'yields table after table in plan order even while lanes run ahead, each part complete and in order ($lanes, $encoding)',
    async ({ workers, encoding }) => {
      const plan = createPlan({ seed: 3, scale: 0.02, parts: 4 })
      const order = plan.tables.map((t) => t.name)
      const seen: string[] = []
      const lastOf = new Map<string, number>()
      const rowsOf = new Map<string, number>()
      let tableAt = 0
      // Small chunks and a slow consumer: workers finish their parts long before the consumer
      // has taken them, so they move on to later tables and those chunks must wait.
      for await (const c of generate(plan, {
        workers,
        encoding,
        chunkRows: 500,
        workerUrl: workerUrl(),
      })) {
        const at = order.indexOf(c.table)
        expect(at).toBeGreaterThanOrEqual(tableAt)
        tableAt = at
        const key = `${c.table}#${c.part}`
        expect(lastOf.has(key), `${key} sent a chunk after its last one`).toBe(false)
        if (c.last) lastOf.set(key, seen.length)
        rowsOf.set(c.table, (rowsOf.get(c.table) ?? 0) + c.rows)
        seen.push(key)
        if (seen.length % 7 === 0) await new Promise((r) => setTimeout(r, 2))
      }
      for (const t of plan.tables) {
        expect(rowsOf.get(t.name)).toBe(t.rows)
        for (const p of t.parts) expect(lastOf.has(`${t.name}#${p.index}`)).toBe(true)
      }
    },
    60_000,
  )

  it('keeps every gzip chunk intact after later ones are made (chunks on the calling thread are views of zlib output)', async () => {
    const plan = createPlan({ seed: 3, scale: 0.25, parts: 2, tables: ['fact_bookings'] })
    const kept = new Map<number, Uint8Array[]>()
    for await (const c of generate(plan, { workers: 0, encoding: 'gzip' })) {
      kept.set(c.part, [...(kept.get(c.part) ?? []), c.data])
    }
    // Only now, with every chunk made, read them all: each part must still be one valid
    // gzip member holding its rows.
    let rows = 0
    for (const [part, chunks] of kept) {
      // Several chunks (one per MB of output), across more than one 4 MB zlib output buffer.
      expect(chunks.length, `part ${part}`).toBeGreaterThan(4)
      const text = gunzipSync(Buffer.concat(chunks)).toString('utf8')
      rows += text.split('\n').length - 1
    }
    expect(rows).toBe(plan.totalRows)
  }, 60_000)

  it.each([0, 2])(
    'stops cleanly when the consumer leaves early (%i workers, gzip)',
    async (workers) => {
      const plan = createPlan({ seed: 3, scale: 0.02, parts: 4 })
      let chunks = 0
      for await (const c of generate(plan, {
        workers,
        encoding: 'gzip',
        chunkRows: 300,
        workerUrl: workerUrl(),
      })) {
        chunks++
        if (c.table === 'dim_customer') break
      }
      expect(chunks).toBeGreaterThan(4)
      // A fresh run after the abandoned one still gives every row.
      let rows = 0
      for await (const c of generate(plan, { workers, encoding: 'gzip', workerUrl: workerUrl() }))
        rows += c.rows
      expect(rows).toBe(plan.totalRows)
    },
    60_000,
  )
})
