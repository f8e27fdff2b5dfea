// A service written exactly the way Resgate's examples are: CommonJS, the npm `nats` 1.x client (installed
// here as "nats-v1") with its callback API, string payloads, publish(reply, ...) for responses.
//
//   v1.model   get / access (get, call "set") / call set -> change event in the legacy form (no "values")
//   v1.notes   a collection of strings / call add -> add event
//
// Usage: node legacy-style-services.cjs nats://127.0.0.1:<port>
// Prints "ready" once the server has the subscriptions; exits on SIGTERM/SIGINT.
const NATS = require('nats-v1');

const natsUrl = process.argv[2];
if (!natsUrl) {
  console.error('usage: node legacy-style-services.cjs <nats-url>');
  process.exit(2);
}
const nats = NATS.connect({ url: natsUrl, name: 'legacy-style-services' });
nats.on('error', (err) => console.error('nats error: ' + err));

let model = { message: 'Hello from NATS 1.x' };
const notes = ['first note'];

nats.subscribe('access.v1.>', (req, reply) => {
  nats.publish(reply, JSON.stringify({ result: { get: true, call: 'set,add' } }));
});

nats.subscribe('get.v1.model', (req, reply) => {
  nats.publish(reply, JSON.stringify({ result: { model } }));
});

nats.subscribe('call.v1.model.set', (req, reply) => {
  const p = JSON.parse(req).params || {};
  if (typeof p.message === 'string' && p.message !== model.message) {
    model = Object.assign({}, model, { message: p.message });
    nats.publish('event.v1.model.change', JSON.stringify({ message: p.message }));
  }
  nats.publish(reply, JSON.stringify({ result: null }));
});

nats.subscribe('get.v1.notes', (req, reply) => {
  nats.publish(reply, JSON.stringify({ result: { collection: notes } }));
});

nats.subscribe('call.v1.notes.add', (req, reply) => {
  const p = JSON.parse(req).params || {};
  if (typeof p.text !== 'string' || !p.text) {
    nats.publish(reply, JSON.stringify({ error: { code: 'system.invalidParams', message: 'text is required' } }));
    return;
  }
  nats.publish('event.v1.notes.add', JSON.stringify({ value: p.text, idx: notes.length }));
  notes.push(p.text);
  nats.publish(reply, JSON.stringify({ result: null }));
});

nats.publish('system.reset', JSON.stringify({ resources: ['v1.>'] }));
nats.flush(() => console.log('ready'));

const stop = () => nats.flush(() => { nats.close(); process.exit(0); });
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
