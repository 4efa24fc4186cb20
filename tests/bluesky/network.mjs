// A throwaway AT Protocol network (PLC, PDS, AppView, bsync, ozone) for the Bluesky tests.
//
// Env: DB_POSTGRES_URL (required), DB_POSTGRES_SCHEMA (letters and _), REDIS_HOST (any value:
// dev-env only checks it is set), CHAT_URL (our chat server, e.g. http://127.0.0.1:PORT).
// Prints ONE JSON line on stdout when ready:
//   {"ready":true,"pds":…,"appview":…,"plc":…,"chat_did":…,"jwt_secret":…,"pds_did":…}
// or {"ready":false,"error":…} and exits 1. Shuts down on SIGTERM/SIGINT or when stdin closes.
// Each stdin line "process <n>" runs dev-env's processAll() (the AppView has indexed everything
// the PDS has sequenced: posts, deletions, notifications) and answers {"processed":<n>}: the tests
// wait on that, never on a clock.
import * as plcLib from '@did-plc/lib'
import { Secp256k1Keypair } from '@atproto/crypto'
import { JWT_SECRET, TestNetwork } from '@atproto/dev-env'

const loopback = (url) => url.replace('//localhost:', '//127.0.0.1:')
const say = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')

// A did:plc for the chat service: its `#bsky_chat` service points at our chat server and its
// `#atproto` key is one we generate, as did:web:api.bsky.chat's document does in production.
async function registerChatDid(plcUrl, chatUrl) {
  const key = await Secp256k1Keypair.create({ exportable: true })
  const op = await plcLib.signOperation(
    {
      type: 'plc_operation',
      verificationMethods: { atproto: key.did() },
      rotationKeys: [key.did()],
      alsoKnownAs: [],
      services: { bsky_chat: { type: 'BskyChatService', endpoint: chatUrl } },
      prev: null,
    },
    key,
  )
  const did = await plcLib.didForCreateOp(op)
  await new plcLib.Client(plcUrl).sendOperation(did, op)
  return did
}

let network
let stopping = false
async function stop(code = 0) {
  if (stopping) return
  stopping = true
  const force = setTimeout(() => process.exit(code), 10_000)
  force.unref()
  try {
    if (network) await network.close()
  } catch (err) {
    console.error('close failed:', err)
  }
  process.exit(code)
}

process.on('SIGTERM', () => stop(0))
process.on('SIGINT', () => stop(0))
process.stdin.on('end', () => stop(0))
process.stdin.on('error', () => stop(0))
let pending = ''
process.stdin.on('data', (chunk) => {
  pending += chunk.toString()
  let nl
  while ((nl = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, nl).trim()
    pending = pending.slice(nl + 1)
    const [cmd, n] = line.split(/\s+/)
    if (cmd !== 'process' || !network) continue
    network
      .processAll()
      .then(() => say({ processed: Number(n) }))
      .catch((err) => say({ processed: Number(n), error: String(err?.stack ?? err) }))
  }
})

try {
  const chatUrl = process.env.CHAT_URL
  if (!chatUrl) throw new Error('CHAT_URL is not set')
  network = await TestNetwork.create({
    dbPostgresSchema: process.env.DB_POSTGRES_SCHEMA || 'relais',
  })
  const chatDid = await registerChatDid(network.plc.url, chatUrl)
  const cfg = network.pds.ctx.cfg
  say({
    ready: true,
    pds: loopback(network.pds.url),
    appview: loopback(network.bsky.url),
    plc: loopback(network.plc.url),
    chat_did: chatDid,
    pds_did: cfg.service.did,
    // The PDS signs access tokens (HS256) with this secret: TestPds passes dev-env's constant.
    jwt_secret: JWT_SECRET,
  })
} catch (err) {
  console.error(err)
  say({ ready: false, error: String(err?.stack ?? err) })
  await stop(1)
}
