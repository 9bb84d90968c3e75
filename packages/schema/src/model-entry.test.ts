import { describe, expect, it } from 'vitest'
import * as root from './index.js'
import * as model from './model-entry.js'

describe('the ./model entry', () => {
  it('exports the same values as the root for every name it has', () => {
    const rootValues = new Map(Object.entries(root))
    for (const [name, value] of Object.entries(model))
      expect(rootValues.get(name), name).toBe(value)
    expect(Object.keys(model)).toContain('airlineModel')
  })
})
