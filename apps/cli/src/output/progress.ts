import { cli } from '../context/cli-context.js'

/** Progress bars on a terminal (stderr), nothing otherwise. */
export async function progress(): Promise<{
  onProgress?: (e: { table: string; rows: number; totalRows: number; done: boolean }) => void
  stop: () => void
}> {
  if (!cli().isTTY) return { stop: () => undefined }
  const { MultiBar, Presets } = await import('cli-progress')
  const bars = new MultiBar(
    {
      format: '{table} [{bar}] {value}/{total} rows',
      hideCursor: true,
      stream: process.stderr,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  )
  const byTable = new Map<string, ReturnType<typeof bars.create>>()
  return {
    onProgress: (e) => {
      let bar = byTable.get(e.table)
      if (!bar) {
        bar = bars.create(e.totalRows, 0, { table: e.table.padEnd(24) })
        byTable.set(e.table, bar)
      }
      bar.update(e.rows)
    },
    stop: () => bars.stop(),
  }
}
