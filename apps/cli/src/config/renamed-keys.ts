import type { ConfigIssue } from '../errors/cli-errors.js'

/**
 * Keys an earlier rsp.config.json used, and their names now: the capacities carry the names of
 * AWS's CreateWorkgroup (`baseCapacity`, `maxCapacity`), CloudFormation and the CDK.
 */
const RENAMED = [
  { old: 'baseRpu', now: 'baseCapacity', what: 'the base capacity in RPUs' },
  { old: 'maxRpu', now: 'maxCapacity', what: 'the maximum capacity in RPUs' },
] as const

const WHY = "the name AWS's CreateWorkgroup, CloudFormation and the CDK use"

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** The objects of a raw config that size a workgroup, with their config paths. */
function workgroupObjects(input: Json): { field: string; object: Json }[] {
  const out: { field: string; object: Json }[] = []
  if (isObject(input.producer)) out.push({ field: 'producer', object: input.producer })
  const consumers = input.consumers
  if (isObject(consumers)) {
    if (Array.isArray(consumers.workloads))
      consumers.workloads.forEach((w, i) => {
        if (isObject(w)) out.push({ field: `consumers.workloads[${i}]`, object: w })
      })
    if (isObject(consumers.pool)) out.push({ field: 'consumers.pool', object: consumers.pool })
  }
  return out
}

/**
 * Refuses the capacity keys of earlier configs (`baseRpu`, `maxRpu`): one issue per key, with
 * its field path, its value and the exact rewrite. `input` is the raw config with those keys
 * renamed in place (or dropped where the new key is given too), so the rest of the validation
 * reports the config's other problems once, without an "unknown key" or "required" issue for
 * the rename.
 */
export function renamedKeyIssues(input: unknown): { issues: ConfigIssue[]; input: unknown } {
  if (!isObject(input)) return { issues: [], input }
  const issues: ConfigIssue[] = []
  for (const { field, object } of workgroupObjects(input))
    for (const { old, now, what } of RENAMED) {
      if (!(old in object)) continue
      const value = object[old]
      const given = object[now]
      issues.push(
        given === undefined
          ? {
              field: `${field}.${old}`,
              value,
              message: `"${old}" is now "${now}" (${what})`,
              fix: `rename "${old}": ${JSON.stringify(value)} to "${now}": ${JSON.stringify(value)} — ${WHY}`,
            }
          : {
              field: `${field}.${old}`,
              value,
              message: `"${old}" is now "${now}" (${what}), and "${now}" is given too`,
              fix: `remove "${old}": ${JSON.stringify(value)}; "${now}": ${JSON.stringify(given)} stays — ${WHY}`,
            },
      )
    }
  if (issues.length === 0) return { issues, input }
  const copy = structuredCloneOr(input)
  if (copy === undefined) return { issues, input }
  for (const { object } of workgroupObjects(copy))
    for (const { old, now } of RENAMED) if (old in object) renameKey(object, old, now)
  return { issues, input: copy }
}

function structuredCloneOr(input: Json): Json | undefined {
  try {
    return structuredClone(input)
  } catch {
    return undefined
  }
}

/** Renames `old` to `now` keeping the key order, or drops `old` when `now` is given. */
function renameKey(object: Json, old: string, now: string): void {
  if (object[now] !== undefined) {
    delete object[old]
    return
  }
  const entries = Object.entries(object)
  for (const key of Object.keys(object)) delete object[key]
  for (const [key, value] of entries) object[key === old ? now : key] = value
}
