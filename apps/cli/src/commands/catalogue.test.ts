import { describe, expect, it } from 'vitest'
import { catalogue, describe as describeCommand, summary } from './catalogue.js'

describe('the catalogue: one description per command', () => {
  for (const [name, entry] of Object.entries(catalogue)) {
    it(`${name}: the command's meta.description is the catalogue's`, async () => {
      const cmd = await entry.load()
      const meta = typeof cmd.meta === 'function' ? await cmd.meta() : await cmd.meta
      expect(meta?.name).toBe(name)
      expect(meta?.description).toBe(entry.description)
      expect(describeCommand(name)).toBe(entry.description)
    })
  }

  it('every summary (the line in rsp --help) is one line, and details follow a blank line', () => {
    for (const [name, entry] of Object.entries(catalogue)) {
      const [first, second] = entry.description.split('\n')
      expect(summary(entry.description), name).toBe(first)
      expect(first?.trim().length, name).toBeGreaterThan(0)
      expect(first!.length, name).toBeLessThanOrEqual(110)
      if (second !== undefined) expect(second, name).toBe('')
    }
  })

  it('names no command it cannot describe', () => {
    expect(() => describeCommand('no-such-command')).toThrow(/no command no-such-command/)
  })
})
