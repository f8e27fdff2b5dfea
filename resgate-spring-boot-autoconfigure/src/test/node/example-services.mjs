// Services in the style of Resgate's examples: plain NATS request handlers (npm `nats`), no RES library.
// They talk to the gateway only through NATS, as services written for Resgate do.
//
//   hello:   example.model        get / access (get, call "set") / call set -> change event
//   library: library.books        get / call new (add event) / call delete (remove event)
//            library.book.<id>    get / call set (change event); validation errors as system.invalidParams
//   auth:    auth.passwd.login    token event on the connection before the response; wrong password is an error
//            auth.passwd.logout   null token
//            ticker.model         access only with the token set at login; a change event on every tick
//            session.user.<cid>   the connection's own user (clients ask for session.user.{cid}); access only
//                                 for that connection; changed on login and logout
//   header:  auth.jwt.header      a signed token in the "access-token" cookie, read from header["Cookie"] of the
//                                 auth request, becomes the token (resgate.header-auth for HTTP; WebSocket
//                                 clients call it, like Resgate's jwt example, or resgate.ws-header-auth)
//
// Usage: node example-services.mjs nats://127.0.0.1:<port>
// Prints "ready" once every subscription is registered with the server; exits on SIGTERM/SIGINT.
import { connect } from 'nats';
import { verify } from './signed-token.mjs';

const natsUrl = process.argv[2];
if (!natsUrl) {
  console.error('usage: node example-services.mjs <nats-url>');
  process.exit(2);
}

const nc = await connect({ servers: natsUrl, name: 'example-services' });
const decoder = new TextDecoder();

const json = (value) => JSON.stringify(value);
const ok = (result = null) => json({ result });
const error = (code, message) => json({ error: { code, message } });
const notFound = error('system.notFound', 'Not found');
const invalidParams = (message) => error('system.invalidParams', message);

/** Registers a handler for requests on subject; the handler returns the response (a JSON string). */
function handle(subject, handler) {
  nc.subscribe(subject, {
    callback: (err, msg) => {
      if (err) {
        console.error('subscription ' + subject + ' failed: ' + err);
        return;
      }
      let response;
      try {
        const request = msg.data.length ? JSON.parse(decoder.decode(msg.data)) : {};
        response = handler(request, msg.subject);
      } catch (e) {
        response = error('system.internalError', 'Internal error: ' + e.message);
      }
      if (msg.reply && response !== undefined) {
        nc.publish(msg.reply, response);
      }
    },
  });
}

function event(rid, name, payload) {
  const subject = 'event.' + rid + '.' + name;
  if (payload === undefined) {
    nc.publish(subject);
  } else {
    nc.publish(subject, json(payload));
  }
}

// ---- hello world --------------------------------------------------------------------------------

const greeting = { message: 'Hello, World!' };

handle('access.example.model', () => ok({ get: true, call: 'set' }));
handle('get.example.model', () => ok({ model: greeting }));
handle('call.example.model.set', ({ params }) => {
  const p = params || {};
  if (p.message !== undefined && typeof p.message !== 'string') {
    return invalidParams('message must be a string');
  }
  if (typeof p.message === 'string' && p.message !== greeting.message) {
    greeting.message = p.message;
    event('example.model', 'change', { message: p.message });
  }
  return ok();
});

// ---- book collection ----------------------------------------------------------------------------

const books = new Map([
  ['library.book.1', { id: 1, title: 'Nineteen Eighty-Four', author: 'George Orwell' }],
  ['library.book.2', { id: 2, title: 'The Left Hand of Darkness', author: 'Ursula K. Le Guin' }],
  ['library.book.3', { id: 3, title: 'Dune', author: 'Frank Herbert' }],
]);
const shelf = [...books.keys()];
let lastId = 3;

function textError(field, value) {
  if (typeof value !== 'string') {
    return invalidParams(field + ' must be a string');
  }
  if (value.trim() === '') {
    return invalidParams(field + ' must not be empty');
  }
  return null;
}

handle('access.library.>', () => ok({ get: true, call: '*' }));
handle('get.library.books', () => ok({ collection: shelf.map((rid) => ({ rid })) }));
handle('get.library.book.*', (req, subject) => {
  const book = books.get(subject.substring('get.'.length));
  return book ? ok({ model: book }) : notFound;
});
handle('call.library.book.*.set', ({ params }, subject) => {
  const rid = subject.substring('call.'.length, subject.length - '.set'.length);
  const book = books.get(rid);
  if (!book) {
    return notFound;
  }
  const p = params || {};
  const changed = {};
  for (const field of ['title', 'author']) {
    if (p[field] !== undefined && p[field] !== book[field]) {
      const err = textError(field, p[field]);
      if (err) {
        return err;
      }
      changed[field] = p[field].trim();
    }
  }
  if (Object.keys(changed).length > 0) {
    Object.assign(book, changed);
    event(rid, 'change', { values: changed });
  }
  return ok();
});
handle('call.library.books.new', ({ params }) => {
  const p = params || {};
  const err = textError('title', p.title) || textError('author', p.author);
  if (err) {
    return err;
  }
  const id = ++lastId;
  const rid = 'library.book.' + id;
  books.set(rid, { id, title: p.title.trim(), author: p.author.trim() });
  event('library.books', 'add', { value: { rid }, idx: shelf.length });
  shelf.push(rid);
  return ok({ id });
});
handle('call.library.books.delete', ({ params }) => {
  const id = params && params.id;
  if (typeof id !== 'number') {
    return invalidParams('id must be a number');
  }
  const rid = 'library.book.' + id;
  const idx = shelf.indexOf(rid);
  if (idx >= 0) {
    shelf.splice(idx, 1);
    books.delete(rid);
    event('library.books', 'remove', { idx });
    event(rid, 'delete');
  }
  return ok();
});

// ---- password login -----------------------------------------------------------------------------

const password = 'open sesame';
const ticker = { ticks: 0 };
const usersByCid = new Map();

handle('auth.passwd.login', ({ cid, params, token }) => {
  if (token) {
    return error('passwd.alreadyLoggedIn', 'Already logged in');
  }
  if (!params || params.password !== password) {
    return invalidParams('Invalid params: wrong password');
  }
  // The token event goes out before the response, on the same connection, so the gateway has it first.
  const user = params.user || 'guest';
  nc.publish('conn.' + cid + '.token', json({ token: { user, role: 'reader' } }));
  usersByCid.set(cid, user);
  event('session.user.' + cid, 'change', { values: { user } });
  return ok({ user });
});
handle('auth.passwd.logout', ({ cid }) => {
  nc.publish('conn.' + cid + '.token', json({ token: null }));
  if (usersByCid.delete(cid)) {
    event('session.user.' + cid, 'change', { values: { user: null } });
  }
  return ok();
});
handle('access.session.user.*', ({ cid }, subject) => ok({ get: subject === 'access.session.user.' + cid }));
handle('get.session.user.*', (req, subject) => {
  const cid = subject.substring('get.session.user.'.length);
  return ok({ model: { user: usersByCid.get(cid) || null } });
});

// ---- header auth: a signed token in a cookie ------------------------------------------------------

function cookies(header) {
  const values = (header && header['Cookie']) || [];
  const result = {};
  for (const part of values.join(';').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      result[part.substring(0, eq).trim()] = decodeURIComponent(part.substring(eq + 1).trim());
    }
  }
  return result;
}

handle('auth.jwt.header', ({ cid, header }) => {
  const cookie = cookies(header)['access-token'];
  if (!cookie) {
    return invalidParams('Invalid params: missing token');
  }
  const claims = verify(cookie);
  if (!claims) {
    return invalidParams('Invalid params: invalid token');
  }
  nc.publish('conn.' + cid + '.token', json({ token: claims }));
  return ok();
});
handle('access.ticker.model', ({ token }) => ok({ get: !!(token && token.role === 'reader') }));
handle('get.ticker.model', () => ok({ model: ticker }));
const tick = setInterval(() => {
  ticker.ticks++;
  event('ticker.model', 'change', { ticks: ticker.ticks });
}, 100);

// A (re)started service tells the gateway to drop what it cached of its resources.
nc.publish('system.reset', json({ resources: ['example.>', 'library.>', 'ticker.>', 'session.>'] }));
await nc.flush();
console.log('ready');

async function stop() {
  clearInterval(tick);
  await nc.drain().catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
