import { createWriteStream, type WriteStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DW } from '@redshift-playground/schema/model'
import { invalidOption } from '../../errors.js'
import type { GeneratedChunk } from '../../generate.js'
import type { DatagenPlan, TablePlan } from '../../plan.js'
import type { DatagenSink, TableSink } from '../sink.js'
import {
  buildManifest,
  parseS3Prefix,
  partFileName,
  renderRedshiftCopy,
  s3Url,
} from '../sql/copy-sql.js'
import { StagedOutput } from './staged-output.js'

export interface FilesSinkOptions {
  /** Output folder: `<dir>/<table>/part-00000.csv.gz`, `<dir>/<table>/manifest.json`, `<dir>/copy.sql`. */
  readonly dir: string
  /** Where the folder will be uploaded (s3://bucket/prefix): manifests list full S3 URLs. */
  readonly s3Prefix: string
  /** IAM role for the COPY statements: 'default' or a role ARN. @default 'default' */
  readonly iamRole?: string
  /** Bucket region, when it differs from the warehouse's. */
  readonly region?: string
  /** Target schema of the COPY statements. @default 'airline_dw' */
  readonly schema?: string
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
  readonly #o: FilesSinkOptions
  readonly #s3: { bucket: string; prefix: string }
  readonly #out: StagedOutput

  constructor(options: FilesSinkOptions) {
    if (typeof options.dir !== 'string' || options.dir.length === 0)
      invalidOption('dir', options.dir, 'Give an output folder path.')
    this.#s3 = parseS3Prefix('s3Prefix', options.s3Prefix)
    this.#o = Object.freeze({ ...options })
    this.#out = new StagedOutput(options.dir)
  }

  /** The S3 URL a part will have once the folder is uploaded to `s3Prefix`. */
  url(table: string, file: string): string {
    return s3Url(this.#s3, table, file)
  }

  async begin(_plan: DatagenPlan): Promise<void> {
    await this.#out.begin()
  }

  async openTable(table: TablePlan): Promise<TableSink> {
    const dir = await this.#out.tableDir(table.name)
    const streams = new Map<number, { stream: WriteStream; bytes: number }>()
    const sizes = new Map<number, number>()
    const o = this.#o
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
      close: async () => {
        const parts = [...sizes.keys()].sort((a, b) => a - b)
        const manifest = buildManifest(
          parts.map((p) => ({
            url: this.url(table.name, partFileName(p)),
            bytes: sizes.get(p) as number,
          })),
        )
        await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
        this.#out.addTable(
          table.name,
          renderRedshiftCopy({
            schema: o.schema ?? DW,
            table: table.name,
            columns: table.columns,
            manifestUrl: this.url(table.name, 'manifest.json'),
            ...(o.iamRole ? { iamRole: o.iamRole } : {}),
            ...(o.region ? { region: o.region } : {}),
          }),
        )
      },
    }
  }

  async commit(): Promise<void> {
    await this.#out.commit()
  }

  async abort(_error?: unknown): Promise<void> {
    await this.#out.abort()
  }
}
