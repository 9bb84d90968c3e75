import { DataApiInputError } from '../errors.js'

/**
 * The part of an AWS SDK v3 client this package needs: `send`. A `RedshiftDataClient` from
 * `@aws-sdk/client-redshift-data` fits, and so does anything shaped like it.
 */
export interface DataApiClient {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's own signature is generic over commands.
  send(command: any, options?: any): Promise<any>
}

// biome-ignore lint/suspicious/noExplicitAny: command inputs are the SDK's; typed by the caller.
type CommandClass = new (input: any) => unknown

/**
 * The command classes of `@aws-sdk/client-redshift-data` the dialect sends. By default they are
 * imported lazily from that package (an optional peer); pass them explicitly when a bundler or
 * a second copy of the SDK makes the lazy import resolve elsewhere.
 */
export interface DataApiCommands {
  readonly ExecuteStatementCommand: CommandClass
  readonly BatchExecuteStatementCommand: CommandClass
  readonly DescribeStatementCommand: CommandClass
  readonly GetStatementResultCommand: CommandClass
  readonly CancelStatementCommand: CommandClass
  /** Needed only with `resultFormat: 'CSV'` (GetStatementResultV2, added to the API in October 2024). */
  readonly GetStatementResultV2Command?: CommandClass
}

const COMMAND_NAMES = [
  'ExecuteStatementCommand',
  'BatchExecuteStatementCommand',
  'DescribeStatementCommand',
  'GetStatementResultCommand',
  'CancelStatementCommand',
] as const

let cached: Promise<DataApiCommands> | undefined

/** Returns `commands` if given, else the SDK's command classes (imported once, on first use). */
export function loadCommands(commands: DataApiCommands | undefined): Promise<DataApiCommands> {
  if (commands) return Promise.resolve(validateCommands(commands))
  cached ??= importSdk()
  return cached
}

async function importSdk(): Promise<DataApiCommands> {
  // The specifier sits in a variable so bundlers and TypeScript's declaration output do not
  // turn the optional peer into a hard dependency.
  const specifier = '@aws-sdk/client-redshift-data'
  try {
    const sdk = (await import(specifier)) as DataApiCommands
    return validateCommands(sdk)
  } catch (error) {
    cached = undefined
    if (error instanceof DataApiInputError) throw error
    throw new DataApiInputError(
      'SDK_NOT_FOUND',
      `Could not import ${specifier}: install it (npm install ${specifier}) or pass its command classes as the 'commands' option`,
      { field: 'commands', value: undefined, cause: error },
    )
  }
}

function validateCommands(commands: DataApiCommands): DataApiCommands {
  for (const name of COMMAND_NAMES) {
    if (typeof commands[name] !== 'function')
      throw new DataApiInputError(
        'INVALID_CONFIG',
        `commands.${name} must be the ${name} class of @aws-sdk/client-redshift-data`,
        { field: `commands.${name}`, value: commands[name] },
      )
  }
  const v2 = commands.GetStatementResultV2Command
  if (v2 !== undefined && typeof v2 !== 'function')
    throw new DataApiInputError(
      'INVALID_CONFIG',
      'commands.GetStatementResultV2Command must be the GetStatementResultV2Command class of @aws-sdk/client-redshift-data',
      { field: 'commands.GetStatementResultV2Command', value: v2 },
    )
  return Object.freeze({
    ExecuteStatementCommand: commands.ExecuteStatementCommand,
    BatchExecuteStatementCommand: commands.BatchExecuteStatementCommand,
    DescribeStatementCommand: commands.DescribeStatementCommand,
    GetStatementResultCommand: commands.GetStatementResultCommand,
    CancelStatementCommand: commands.CancelStatementCommand,
    ...(v2 ? { GetStatementResultV2Command: v2 } : {}),
  })
}
