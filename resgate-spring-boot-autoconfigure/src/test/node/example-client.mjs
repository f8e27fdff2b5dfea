// Drives the example services (example-services.mjs) through the gateway with the real ResClient 2.x,
// with two clients at once, and prints one JSON line per step for the Java test to check:
//   {"step":"<name>", ...observations}   and   {"step":"done"} at the end.
// On a failure it prints {"step":"failed","error":...} and exits non-zero.
// Usage: node example-client.mjs ws://127.0.0.1:<port>/
import ResClientModule from 'resclient';
import WebSocket from 'ws';
import { sign } from './signed-token.mjs';

const ResClient = ResClientModule.default || ResClientModule;
const url = process.argv[2];
if (!url) {
  console.error('usage: node example-client.mjs <ws-url>');
  process.exit(2);
}

/** A ResClient with the messages it received, for checks on the raw protocol; headers go with the upgrade. */
function newClient(headers = {}) {
  const received = [];
  const client = new ResClient(() => {
    const ws = new WebSocket(url, { headers });
    ws.addEventListener('message', (ev) => received.push(JSON.parse(ev.data)));
    return ws;
  }, { unsubscribeDelay: 50, reconnectDelay: 500 });
  return { client, received };
}

function report(step, data = {}) {
  console.log(JSON.stringify({ step, ...data }));
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

/** The error code a promise is rejected with, or "none" if it resolves. */
async function errorOf(promise) {
  try {
    await promise;
    return { code: 'none' };
  } catch (e) {
    return { code: e && e.code, message: e && e.message };
  }
}

const bookOf = (m) => m && { id: m.id, title: m.title, author: m.author, rid: m.getResourceId() };

const timer = setTimeout(() => { report('failed', { error: 'client script timed out' }); process.exit(3); }, 30000);
const a = newClient();
const b = newClient();
const c = newClient();

try {
  // ---- hello world: get, and a change made by one client seen by the other
  const modelA = await a.client.get('example.model');
  // a listener keeps the model in ResClient's cache (it unsubscribes an unwatched resource after a delay)
  modelA.on('change', () => {});
  report('hello.get', { message: modelA.message });

  const modelB = await b.client.get('example.model');
  const changesB = [];
  modelB.on('change', (ev) => changesB.push(ev));
  await modelA.set({ message: 'Hello, Spring!' });
  // ResClient updates the model at once and emits its change event asynchronously: wait for both
  await waitFor(() => modelB.message === 'Hello, Spring!' && changesB.length === 1, 'change seen by the second client');
  report('hello.change', { seenByOther: modelB.message, changeEvents: changesB.length, old: changesB[0] && changesB[0].message });
  report('hello.invalidSet', await errorOf(modelA.set({ message: 7 })));
  report('hello.callNotAllowed', await errorOf(a.client.call('example.model', 'reset')));

  // ---- a service on the old npm nats 1.x client, written like Resgate's examples
  const v1A = await a.client.get('v1.model');
  v1A.on('change', () => {});
  const v1B = await b.client.get('v1.model');
  const v1Changes = [];
  v1B.on('change', (ev) => v1Changes.push(ev));
  await v1A.set({ message: 'Set through the gateway' });
  await waitFor(() => v1Changes.length === 1, 'change from the nats 1.x service');
  const notesB = await b.client.get('v1.notes');
  const noteAdds = [];
  notesB.on('add', (ev) => noteAdds.push(ev));
  await a.client.call('v1.notes', 'add', { text: 'second note' });
  await waitFor(() => noteAdds.length === 1, 'add from the nats 1.x service');
  report('v1.service', { before: v1Changes[0].message, after: v1B.message, notes: notesB.toArray(), added: noteAdds[0].item,
    error: await errorOf(a.client.call('v1.notes', 'add', {})) });

  // ---- book collection
  const booksA = await a.client.get('library.books');
  booksA.on('add', () => {});
  report('library.get', { books: booksA.toArray().map(bookOf) });

  const booksB = await b.client.get('library.books');
  const adds = [];
  const removes = [];
  booksB.on('add', (ev) => adds.push(ev));
  booksB.on('remove', (ev) => removes.push(ev));

  const created = await a.client.call('library.books', 'new', { title: 'Kindred', author: 'Octavia E. Butler' });
  await waitFor(() => adds.length === 1, 'add event on the second client');
  report('library.new', { result: created, idx: adds[0].idx, added: bookOf(adds[0].item), length: booksB.length,
    last: bookOf(booksB.atIndex(booksB.length - 1)) });

  const book1B = booksB.atIndex(0);
  const bookChanges = [];
  book1B.on('change', (ev) => bookChanges.push(ev));
  await a.client.call('library.book.1', 'set', { title: 'Animal Farm' });
  await waitFor(() => bookChanges.length === 1, 'book change on the second client');
  report('library.set', { title: book1B.title, old: bookChanges[0].title });

  report('library.errors', {
    newWithoutAuthor: await errorOf(a.client.call('library.books', 'new', { title: 'Untitled' })),
    newWithEmptyTitle: await errorOf(a.client.call('library.books', 'new', { title: '  ', author: 'Nobody' })),
    setNumberTitle: await errorOf(a.client.call('library.book.2', 'set', { title: 42 })),
    deleteStringId: await errorOf(a.client.call('library.books', 'delete', { id: 'two' })),
    getMissing: await errorOf(a.client.get('library.book.99')),
    unknownMethod: await errorOf(a.client.call('library.books', 'burn', {})),
  });

  await a.client.call('library.books', 'delete', { id: created.id });
  await waitFor(() => removes.length === 1, 'remove event on the second client');
  report('library.delete', { idx: removes[0].idx, removed: removes[0].item && removes[0].item.id, length: booksB.length,
    ids: booksB.toArray().map((m) => m.id) });

  // ---- password login: token event before the response, access depends on the token
  report('auth.before', await errorOf(c.client.get('ticker.model')));
  const sessionUser = await c.client.get('session.user.{cid}');
  const userChanges = [];
  sessionUser.on('change', (ev) => userChanges.push(ev));
  const userBefore = sessionUser.user;
  report('auth.wrongPassword', await errorOf(c.client.authenticate('passwd', 'login', { user: 'ann', password: 'guess' })));
  const login = await c.client.authenticate('passwd', 'login', { user: 'ann', password: 'open sesame' });
  const again = await errorOf(c.client.authenticate('passwd', 'login', { user: 'ann', password: 'open sesame' }));
  const ticker = await c.client.get('ticker.model');
  const ticks = [];
  ticker.on('change', (ev) => ticks.push(ev));
  let unsubscribed = null;
  ticker.on('unsubscribe', (ev) => { unsubscribed = ev; });
  const firstTicks = ticker.ticks;
  await waitFor(() => ticks.length >= 2 && ticker.ticks > firstTicks, 'ticker changes after login');
  report('auth.login', { result: login, again, ticksIncreased: ticker.ticks > firstTicks, changeEvents: ticks.length });
  await waitFor(() => userChanges.length === 1, 'session user changed at login');
  const userAfterLogin = sessionUser.user;

  await c.client.authenticate('passwd', 'logout');
  await waitFor(() => c.received.some((m) => m.event === 'ticker.model.unsubscribe'), 'unsubscribe after logout');
  const unsub = c.received.find((m) => m.event === 'ticker.model.unsubscribe');
  await waitFor(() => unsubscribed !== null, 'unsubscribe event emitted on the model');
  // ResClient keeps the model it has listeners on; a call asks the gateway, which asks for access with the null token
  report('auth.logout', { reason: unsub.data && unsub.data.reason && unsub.data.reason.code,
    callAfterLogout: await errorOf(c.client.call('ticker.model', 'anything')) });

  await waitFor(() => userChanges.length === 2, 'session user changed at logout');
  report('session.user', { rid: sessionUser.getResourceId(), before: userBefore, afterLogin: userAfterLogin,
    afterLogout: sessionUser.user, changeEvents: userChanges.length });

  // ---- header auth: a signed token in a cookie sent with the WebSocket upgrade (lower case header name);
  // as in Resgate's jwt example, the client asks for the auth on connect, and the service reads the cookie
  // from the headers of the WebSocket's HTTP request that the gateway puts in the auth request
  const authOnConnect = (x) => x.client.setOnConnect(() => x.client.authenticate('jwt', 'header').catch(() => {}));
  const d = newClient({ cookie: 'theme=dark; access-token=' + sign({ user: 'bob', role: 'reader' }) });
  authOnConnect(d);
  const tickerD = await d.client.get('ticker.model');
  report('header.auth', { ticks: typeof tickerD.ticks });
  const forged = sign({ user: 'eve', role: 'reader' }).split('.')[0] + '.' + sign({ user: 'eve' }).split('.')[1];
  const e = newClient({ cookie: 'access-token=' + forged });
  authOnConnect(e);
  report('header.badToken', await errorOf(e.client.get('ticker.model')));
  report('header.badTokenAuth', await errorOf(e.client.authenticate('jwt', 'header')));
  await Promise.all([d.client.disconnect(), e.client.disconnect()]);

  // ---- service restart: the new service's system.reset brings the subscribed clients back to its initial state
  await a.client.call('library.books', 'new', { title: 'Temporary', author: 'Nobody' });
  await waitFor(() => adds.length === 2 && booksB.length === 4, 'second add event');
  report('restart.ready', { length: booksB.length });
  // the test restarts the services now; the gateway refetches what it has cached and sends the differences
  await waitFor(() => removes.length === 2 && modelB.message === 'Hello, World!' && changesB.length === 2,
    'reset applied after the service restart', 15000);
  report('restart.reset', { message: modelB.message, old: changesB[1].message, removedIdx: removes[1].idx,
    ids: booksB.toArray().map((m) => m.id), title1: book1B.title });

  report('done');
  clearTimeout(timer);
  await Promise.all([a.client.disconnect(), b.client.disconnect(), c.client.disconnect()]);
  process.exit(0);
} catch (e) {
  report('failed', { error: e && e.stack ? e.stack : JSON.stringify(e) });
  process.exit(1);
}
