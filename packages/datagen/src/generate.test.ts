import { describe, expect, it } from 'vitest'
import { defaultWorkers, generate } from './generate.js'

describe('defaultWorkers', () => {
  it('uses every core for gzip parts', () => {
    expect([1, 2, 8].map((c) => defaultWorkers('gzip', c))).toEqual([1, 2, 8])
  })

  it('generates CSV on the calling thread on one or two cores, else on cores − 1 workers', () => {
    expect([1, 2, 3, 4, 16].map((c) => defaultWorkers('csv', c))).toEqual([0, 0, 2, 3, 15])
  })

  it('rejects a bad worker count before generating anything', async () => {
    const run = generate({ scale: 0.01 }, { workers: -1 })
    await expect(run.next()).rejects.toMatchObject({ code: 'INVALID_OPTION', field: 'workers' })
  })
})
