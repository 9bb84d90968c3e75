// Docs are tests: every package README's example runs from the packed tarballs in an empty
// project with exactly the README's install lines (tools/check-readme-examples.mjs). Runs
// after the builds in `npm test`; needs the npm registry. RSP_SKIP_README_EXAMPLES=1 skips
// the installs (offline).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkReadmeExamples, readmeExample } from './check-readme-examples.mjs'

test('finds the marked example and the install lines before it', () => {
  const readme = [
    '```sh\nnpm install a b\n```',
    '```ts\nimport { x } from "a"\n```',
    '```sh\nnpm install --save-dev c\n```',
    '<!-- readme-example -->',
    '```ts\nimport { y } from "c"\nconsole.log(y)\n```',
  ].join('\n\n')
  assert.deepEqual(readmeExample(readme), {
    lang: 'ts',
    code: 'import { y } from "c"\nconsole.log(y)\n',
    install: ['npm install a b', 'npm install --save-dev c'],
  })
  assert.equal(
    readmeExample(readme.replace('<!-- readme-example -->', '')).code,
    'import { x } from "a"\n',
  )
  assert.deepEqual(readmeExample('<!-- readme-example: skip needs AWS -->'), { skip: 'needs AWS' })
})

test('every package README example runs as written, from the tarballs', {
  timeout: 1_800_000,
  skip: process.env.RSP_SKIP_README_EXAMPLES ? 'RSP_SKIP_README_EXAMPLES' : false,
}, () => {
  const failures = checkReadmeExamples().filter((r) => !r.ok)
  assert.deepEqual(
    failures.map((f) => `${f.name}: ${f.detail}`),
    [],
  )
})
