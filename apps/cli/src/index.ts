export { main, run } from './cli.js'
