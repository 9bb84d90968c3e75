import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/** What `rsp deploy` has finished, so a re-run after a failure resumes where it stopped. */
export interface DeployState {
  readonly version: 1
  readonly project: string
  /** Deployed stacks by hierarchical id, with their outputs and the SHA-256 of the template deployed. */
  readonly stacks: Readonly<
    Record<
      string,
      { readonly outputs: Readonly<Record<string, string>>; readonly template?: string }
    >
  >
  /** Later steps done: `wait`, `load`, `share`, `diagnose`. */
  readonly steps: Readonly<Record<string, string>>
  /**
   * What a step that is done ran for (a digest of its inputs, e.g. the desired datashares),
   * by step name: a step whose inputs changed runs again.
   */
  readonly inputs?: Readonly<Record<string, string>>
  /**
   * The datashares rsp created on the producer, by name: `rsp deploy` (and restore and
   * destroy) treat them as rsp's own, so one removed from the config is dropped. Recorded
   * before a share plan is applied (the union with the config's names), then set to the
   * config's names once it succeeded.
   */
  readonly datashares?: { readonly managed: readonly string[] }
}

export const emptyState = (project: string): DeployState => ({
  version: 1,
  project,
  stacks: {},
  steps: {},
})

/** Reads the state file; a missing file is an empty state. */
export async function readState(file: string, project: string): Promise<DeployState> {
  try {
    const state = JSON.parse(await readFile(file, 'utf8')) as DeployState
    if (state.version !== 1 || state.project !== project) return emptyState(project)
    return state
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return emptyState(project)
    throw error
  }
}

/** Writes the state atomically (write then rename), so a crash never leaves half a file. */
export async function writeState(file: string, state: DeployState): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const tmp = `${file}.tmp`
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`)
  await rename(tmp, file)
}

/** The datashares the state records as created by rsp (none in a state without the record). */
export function managedShares(state: DeployState): readonly string[] {
  return state.datashares?.managed ?? []
}

/** The state with `names` (sorted, once each) recorded as rsp's datashares. */
export function withManagedShares(state: DeployState, names: Iterable<string>): DeployState {
  return { ...state, datashares: { managed: [...new Set(names)].sort() } }
}

/** Reads the state file, records `names` as rsp's datashares, writes it back. */
export async function recordManagedShares(
  file: string,
  project: string,
  names: Iterable<string>,
): Promise<DeployState> {
  const state = withManagedShares(await readState(file, project), names)
  await writeState(file, state)
  return state
}
