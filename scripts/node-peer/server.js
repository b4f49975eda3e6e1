// The benchmark's peer (scripts/bench): a minimal Stremio addon on the ecosystem's Node SDK, answering every
// stream request with one stream list read from a file at start (the same answer Chillproxy gives), from memory.
//   node scripts/node-peer/server.js --port 9002 --answer streams.json
const fs = require('fs');
const { addonBuilder, serveHTTP } = require('stremio-addon-sdk');

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const port = Number(option('--port', '9002'));
const answer = JSON.parse(fs.readFileSync(option('--answer', 'streams.json'), 'utf8'));

const builder = new addonBuilder({
    id: 'dev.chillproxy.bench.peer',
    version: '1.0.0',
    name: 'Bench peer',
    description: 'Serves one stream list from memory',
    resources: ['stream'],
    types: ['movie', 'series'],
    idPrefixes: ['tt'],
    catalogs: [],
});
builder.defineStreamHandler(() => Promise.resolve(answer));
serveHTTP(builder.getInterface(), { port });
