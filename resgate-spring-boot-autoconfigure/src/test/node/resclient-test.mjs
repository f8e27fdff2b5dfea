// Drives the gateway with the real ResClient 2.x under Node, with `ws` as its WebSocket.
// Usage: node resclient-test.mjs ws://127.0.0.1:<port>/
// Prints one line per passed step and "ALL OK" at the end; exits non-zero on the first failure.
import ResClientModule from 'resclient';
import WebSocket from 'ws';

const ResClient = ResClientModule.default || ResClientModule;
const url = process.argv[2];
if (!url) {
  console.error('usage: node resclient-test.mjs <ws-url>');
  process.exit(2);
}

const sent = [];
const received = [];
function factory() {
  const ws = new WebSocket(url);
  const send = ws.send.bind(ws);
  ws.send = (data, ...rest) => { sent.push(JSON.parse(data)); return send(data, ...rest); };
  ws.addEventListener('message', (ev) => received.push(JSON.parse(ev.data)));
  return ws;
}

function assert(cond, what) {
  if (!cond) {
    throw new Error('assertion failed: ' + what);
  }
}

function waitFor(cond, what, ms = 5000) {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () => {
      let ok = false;
      try { ok = cond(); } catch (e) { ok = false; }
      if (ok) { resolve(); return; }
      if (Date.now() - start > ms) { reject(new Error('timed out waiting for ' + what)); return; }
      setTimeout(tick, 10);
    };
    tick();
  });
}

function step(name) {
  console.log('ok - ' + name);
}

const client = new ResClient(factory, { unsubscribeDelay: 50, reconnectDelay: 500 });
const timer = setTimeout(() => { console.error('test timed out'); process.exit(3); }, 60000);

try {
  // get and subscribe a model
  const model = await client.get('example.model');
  assert(model.message === 'hello', 'model.message is hello, was ' + model.message);
  const version = sent.find((m) => m.method === 'version');
  const versionResponse = received.find((m) => version && m.id === version.id);
  assert(versionResponse && versionResponse.result && versionResponse.result.protocol === '1.2.3', 'version 1.2.3: ' + JSON.stringify(versionResponse));
  step('get model');

  // a change event applied to the model
  let changes = 0;
  const onChange = () => { changes++; };
  model.on('change', onChange);
  await model.set({ message: 'changed' });
  await waitFor(() => model.message === 'changed' && changes === 1, 'change event applied');
  step('change event applied to the model');

  // a collection with a reference
  const list = await client.get('example.list');
  assert(list.length === 2, 'list length 2, was ' + list.length);
  assert(list.atIndex(0) === 'first', 'first value');
  const item1 = list.atIndex(1);
  assert(item1 && item1.name === 'item1' && item1.getResourceId() === 'example.item.1', 'referenced model item1');
  step('collection with a resolved reference');

  // add and remove events applied to the collection
  const adds = [];
  const removes = [];
  const onAdd = (ev) => adds.push(ev);
  const onRemove = (ev) => removes.push(ev);
  list.on('add', onAdd);
  list.on('remove', onRemove);
  await client.call('example.list', 'push', { name: 'pushed' });
  await waitFor(() => list.length === 3 && adds.length === 1, 'add event');
  const pushed = list.atIndex(2);
  assert(pushed && pushed.name === 'pushed', 'added reference resolved to a model: ' + JSON.stringify(pushed));
  step('add event applied to the collection, new reference sent along');
  await client.call('example.list', 'pop');
  await waitFor(() => list.length === 2 && removes.length === 1, 'remove event');
  assert(list.atIndex(1).name === 'item1', 'remaining reference');
  step('remove event applied to the collection');

  // call with a resource response
  const created = await client.call('example.list', 'create', { name: 'created' });
  assert(created && created.name === 'created' && typeof created.getResourceId === 'function', 'resource response gives a model: ' + JSON.stringify(created));
  step('call with a resource response');

  // access denied without a token, granted after auth
  let denied = null;
  try {
    await client.get('example.secret');
  } catch (e) {
    denied = e;
  }
  assert(denied && denied.code === 'system.accessDenied', 'access denied before login: ' + JSON.stringify(denied));
  step('access denied without token');
  const login = await client.authenticate('example.auth', 'login', { user: 'admin' });
  assert(login && login.loggedIn === true, 'login result');
  const secret = await client.get('example.secret');
  assert(secret.secret === 42, 'secret readable after login');
  step('auth sets the token, access granted');

  // reaccess: the service takes access away, the client is told
  let unsubscribed = null;
  secret.on('change', () => {});
  secret.on('unsubscribe', (ev) => { unsubscribed = ev; });
  await client.call('example.auth', 'revoke');
  await waitFor(() => received.some((m) => m.event === 'example.secret.unsubscribe'), 'unsubscribe event after reaccess');
  const ev = received.find((m) => m.event === 'example.secret.unsubscribe');
  assert(ev.data.reason.code === 'system.accessDenied', 'reason accessDenied');
  step('reaccess denies access, unsubscribe event');

  // unsubscribe: no listeners left, ResClient unsubscribes after its delay
  model.off('change', onChange);
  await waitFor(() => sent.some((m) => m.method === 'unsubscribe.example.model'), 'unsubscribe request sent');
  const unsub = sent.find((m) => m.method === 'unsubscribe.example.model');
  await waitFor(() => received.some((m) => m.id === unsub.id), 'unsubscribe response');
  const unsubResponse = received.find((m) => m.id === unsub.id);
  assert(!unsubResponse.error, 'unsubscribe succeeded: ' + JSON.stringify(unsubResponse));
  step('unsubscribe');

  // no error responses other than the expected access denial
  const errors = received.filter((m) => m.error && m.error.code !== 'system.accessDenied');
  assert(errors.length === 0, 'no unexpected errors: ' + JSON.stringify(errors));

  console.log('ALL OK');
  clearTimeout(timer);
  await client.disconnect();
  process.exit(0);
} catch (e) {
  console.error('FAILED: ' + (e && e.stack ? e.stack : JSON.stringify(e)));
  console.error('sent: ' + JSON.stringify(sent));
  console.error('received: ' + JSON.stringify(received));
  process.exit(1);
}
