import { shareCommand } from './share.js'

export default shareCommand(true)
