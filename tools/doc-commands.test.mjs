// Docs are tests: every command block of docs/*.md and the root README carries an rsp-doc
// marker, every `rsp` command in them passes the CLI's own argument checker, and the `run`
// blocks run as written (tools/check-doc-commands.mjs). Runs after the builds in `npm test`
// (it needs apps/cli/dist). RSP_SKIP_DOC_RUN=1 skips running the blocks (markers and
// argument checks still run).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  blockLines,
  checkDocCommands,
  docBlocks,
  failures,
  parseMarker,
  rspCommands,
  shellParse,
  summarize,
} from './check-doc-commands.mjs'

test('reads markers, and refuses one without a reason where a reason is due', () => {
  assert.deepEqual(parseMarker(' run '), { kind: 'run', except: [], reason: undefined })
  assert.deepEqual(parseMarker(' run except "rsp deploy" "PGPASSWORD=" (needs AWS) '), {
    kind: 'run',
    except: ['rsp deploy', 'PGPASSWORD='],
    reason: 'needs AWS',
  })
  assert.deepEqual(parseMarker(' argv-only (needs AWS) '), {
    kind: 'argv-only',
    except: [],
    reason: 'needs AWS',
  })
  assert.match(parseMarker(' skip ').error, /needs a \(reason\)/)
  assert.match(parseMarker(' run except "x" ').error, /needs a \(reason\)/)
  assert.match(parseMarker(' runs ').error, /unreadable/)
})

test('finds each fenced block with the marker just above it', () => {
  const md = [
    '<!-- rsp-doc: run -->',
    '```sh',
    'rsp cost',
    '```',
    'text',
    '```ts',
    'const x = 1',
    '```',
    '<!-- rsp-doc: skip (output) -->',
    '',
    '```',
    'error …',
    '```',
  ].join('\n')
  const blocks = docBlocks(md)
  assert.deepEqual(
    blocks.map((b) => [b.line, b.lang, b.marker.kind ?? b.marker.error]),
    [
      [2, 'sh', 'run'],
      [6, 'ts', 'no rsp-doc marker on a command block'],
      [11, '', 'skip'],
    ],
  )
  assert.equal(blocks[0].code, 'rsp cost')
})

test('reads shell lines as a terminal does', () => {
  assert.deepEqual(rspCommands('RSP_PW=… rsp local serve --dir "a b" && psql x # rsp cost'), [
    ['local', 'serve', '--dir', 'a b'],
  ])
  assert.deepEqual(rspCommands('rsp demo --keep .rsp/db && rsp local serve --dir .rsp/db &'), [
    ['demo', '--keep', '.rsp/db'],
    ['local', 'serve', '--dir', '.rsp/db'],
  ])
  const p = shellParse('rsp init --yes   # then set "region" and { "bucket": … }')
  assert.equal(p.code, 'rsp init --yes')
  assert.equal(shellParse('rsp local serve &').segments.at(-1).op, '&')
  assert.deepEqual(
    blockLines(
      [
        '# comment',
        'psql "postgres://analytics@127.0.0.1:5439/postgres" \\',
        '  -X',
        'analytics=> SELECT 1;   -- one',
        'analytics=> SELECT 2;',
        '',
        'rsp cost',
      ].join('\n'),
    ),
    [
      {
        text: 'psql "postgres://analytics@127.0.0.1:5439/postgres" -X',
        input: 'SELECT 1;   -- one\nSELECT 2;\n',
      },
      { text: 'rsp cost' },
    ],
  )
})

test('every command block of docs/*.md and README.md is marked, and its rsp commands exist', async () => {
  const results = await checkDocCommands({ argvOnly: true })
  assert.deepEqual(failures(results), [])
  assert.ok(summarize(results).commands.argv > 0)
})

test('the run blocks of docs/*.md and README.md run as written', {
  timeout: 1_800_000,
  skip: process.env.RSP_SKIP_DOC_RUN ? 'RSP_SKIP_DOC_RUN' : false,
}, async () => {
  const results = await checkDocCommands({ log: (l) => console.log(`# ${l}`) })
  const s = summarize(results)
  console.log(
    `# doc commands: ${s.blocks.run} blocks run, ${s.blocks['argv-only']} argv-only, ${s.blocks.skip} skipped; ${s.commands.run} commands run, ${s.commands.argv} argument-checked only, ${s.commands.skip} not run`,
  )
  assert.deepEqual(failures(results), [])
  assert.ok(s.commands.run > 0)
})
