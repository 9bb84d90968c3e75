import { describe, expect, it } from 'vitest'
import { defaultWorkers, generate } from './generate.js'

describe('defaultWorkers', () => {
  it('generates gzip parts on the calling thread on one or two cores, else on a worker per two cores', () => {
    expect([1, 2, 3, 4, 8].map((c) => defaultWorkers('gzip', c))).toEqual([0, 0, 2, 2, 4])
  })

  it('generates CSV on the calling thread on one or two cores, else on cores − 1 workers', () => {
    expect([1, 2, 3, 4, 16].map((c) => defaultWorkers('csv', c))).toEqual([0, 0, 2, 3, 15])
  })

  it('rejects a bad worker count before generating anything', async () => {
    const run = generate({ scale: 0.01 }, { workers: -1 })
    await expect(run.next()).rejects.toMatchObject({ code: 'INVALID_OPTION', field: 'workers' })
  })
})
