/**
 * Remembers since when a resource has shown its current status. AWS reports a workgroup's
 * status but not when it entered it, so "stuck in MODIFYING for more than 10 minutes" needs
 * observations over time: `watch` keeps one history across runs, and the CLI may persist
 * {@link StatusHistory.toJSON} between invocations.
 */
export interface StatusHistory {
  /**
   * Records that `key` shows `status` at `now` and returns when it was first seen in that
   * status without a change in between (`now` on the first sighting or after a change).
   */
  observe(key: string, status: string, now: Date): Date
  /** The observations, for persistence. */
  toJSON(): Record<string, { readonly status: string; readonly since: string }>
}

/**
 * An in-memory {@link StatusHistory}, optionally seeded from a previous `toJSON()`.
 *
 * @example
 * const history = new MemoryStatusHistory()
 * history.observe('workgroup:a', 'MODIFYING', new Date('2025-01-01T00:00:00Z'))
 * history.observe('workgroup:a', 'MODIFYING', new Date('2025-01-01T00:12:00Z')) // → 00:00
 */
export class MemoryStatusHistory implements StatusHistory {
  readonly #seen = new Map<string, { status: string; since: Date }>()

  constructor(initial: Record<string, { readonly status: string; readonly since: string }> = {}) {
    for (const [key, v] of Object.entries(initial)) {
      const since = new Date(v.since)
      if (!Number.isNaN(since.getTime())) this.#seen.set(key, { status: v.status, since })
    }
  }

  observe(key: string, status: string, now: Date): Date {
    const prev = this.#seen.get(key)
    if (prev && prev.status === status && prev.since <= now) return prev.since
    this.#seen.set(key, { status, since: now })
    return now
  }

  toJSON(): Record<string, { readonly status: string; readonly since: string }> {
    const out: Record<string, { status: string; since: string }> = {}
    for (const [key, v] of this.#seen) out[key] = { status: v.status, since: v.since.toISOString() }
    return out
  }
}
