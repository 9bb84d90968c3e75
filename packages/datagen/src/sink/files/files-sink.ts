import { createWriteStream, type WriteStream } from 'node:fs'
import { join } from 'node:path'
import type { GeneratedChunk } from '../../generate.js'
import type { DatagenPlan, TablePlan } from '../../plan.js'
import type { DatagenSink, TableSink } from '../sink.js'
import { partFileName } from '../sql/copy-sql.js'
import { StagedOutput, type StagedOutputOptions } from './staged-output.js'

export interface FilesSinkOptions extends StagedOutputOptions {
  /** Bucket region, when it differs from the warehouse's. */
  readonly region?: string
}

/**
 * Writes gzip CSV parts, a Redshift COPY manifest per table and `copy.sql`. Files are written
 * into a hidden staging folder and moved into place only on commit, so a failed run leaves an
 * earlier output untouched; a re-run replaces it.
 *
 * @example
 * await loadAirlineData({ scale: 1, sink: new FilesSink({ dir: 'out', s3Prefix: 's3://my-bucket/airline' }) })
 */
export class FilesSink implements DatagenSink {
  readonly encoding = 'gzip' as const
  readonly #region: string | undefined
  readonly #out: StagedOutput

  constructor(options: FilesSinkOptions) {
    this.#out = new StagedOutput(options)
    this.#region = options.region
  }

  /** The S3 URL a part will have once the folder is uploaded to `s3Prefix`. */
  url(table: string, file: string): string {
    return this.#out.url(table, file)
  }

  async begin(_plan: DatagenPlan): Promise<void> {
    await this.#out.begin()
  }

  async openTable(table: TablePlan): Promise<TableSink> {
    const dir = await this.#out.tableDir(table.name)
    const streams = new Map<number, { stream: WriteStream; bytes: number }>()
    const sizes = new Map<number, number>()
    return {
      write: async (chunk: GeneratedChunk) => {
        let s = streams.get(chunk.part)
        if (!s) {
          s = { stream: createWriteStream(join(dir, partFileName(chunk.part))), bytes: 0 }
          streams.set(chunk.part, s)
        }
        const { stream } = s
        s.bytes += chunk.data.length
        if (!stream.write(chunk.data))
          await new Promise<void>((r) => stream.once('drain', () => r()))
        if (chunk.last) {
          await new Promise<void>((resolve, reject) => {
            stream.once('error', reject)
            stream.end(() => resolve())
          })
          sizes.set(chunk.part, s.bytes)
          streams.delete(chunk.part)
        }
      },
      close: () =>
        this.#out.finishTable(
          table,
          [...sizes.keys()]
            .sort((a, b) => a - b)
            .map((p) => ({ file: partFileName(p), bytes: sizes.get(p) as number })),
          this.#region ? { region: this.#region } : {},
        ),
    }
  }

  async commit(): Promise<void> {
    await this.#out.commit()
  }

  async abort(_error?: unknown): Promise<void> {
    await this.#out.abort()
  }
}
