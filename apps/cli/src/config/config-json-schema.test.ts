import { readFileSync, writeFileSync } from 'node:fs'
import { toJsonSchema } from '@valibot/to-json-schema'
import { describe, expect, it } from 'vitest'
import { configSchema } from './config-schema.js'

const file = new URL('../../rsp.config.schema.json', import.meta.url)

/** The JSON Schema shipped for editors, generated from the valibot schema. */
function generate(): string {
  const schema = toJsonSchema(configSchema, { errorMode: 'ignore' }) as Record<string, unknown>
  const out = {
    $schema: schema.$schema,
    $id: 'https://github.com/redshift-playground/redshift-playground/blob/main/apps/cli/rsp.config.schema.json',
    title: 'rsp.config.json',
    ...schema,
  }
  return `${JSON.stringify(out, null, 2)}\n`
}

describe('rsp.config.schema.json', () => {
  it('is in sync with the valibot schema (RSP_UPDATE_SCHEMA=1 rewrites it)', () => {
    const expected = generate()
    if (process.env.RSP_UPDATE_SCHEMA) writeFileSync(file, expected)
    // Compared as data: Biome may reformat the file.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(expected))
  })

  it('describes the main sections and the allowed consumer modes', () => {
    const schema = JSON.parse(readFileSync(file, 'utf8'))
    expect(schema.required).toEqual(['project'])
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'network',
        'producer',
        'consumers',
        'loadBalancer',
        'datashare',
        'prices',
        'local',
      ]),
    )
    expect(schema.properties.consumers.properties.mode.enum).toEqual(['workload', 'pool'])
    expect(schema.additionalProperties).toBe(false)
  })
})
