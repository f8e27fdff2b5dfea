// The sample page: plain JavaScript over ResClient (npm "resclient" 2.x, loaded from the URL that
// GET /sample/config names). Every value shown comes from a RES resource and stays live through events;
// a value changed by an event lights up for a moment, and the event log lists the events as they arrive.
(function () {
	'use strict';

	const $ = id => document.getElementById(id);
	const SEARCH_PAGE = 5; // results shown per page; one more is asked for, to know whether there is a next page
	const LOG_SIZE = 200;
	const CHANGED_MS = 1600;
	let client = null;
	let errorTimer = null;

	// Shows an error for a while; a sticky one (the page cannot work) stays.
	function showError(err, sticky) {
		$('error').textContent = err && err.message ? err.message + (err.code ? ' (' + err.code + ')' : '') : String(err);
		clearTimeout(errorTimer);
		if (!sticky) {
			errorTimer = setTimeout(() => { $('error').textContent = ''; }, 7000);
		}
	}

	function setStatus(text) {
		$('status').textContent = text;
	}

	function loadScript(url) {
		return new Promise((resolve, reject) => {
			const script = document.createElement('script');
			script.src = url;
			script.onload = resolve;
			script.onerror = () => reject(new Error('Cannot load ResClient from ' + url + '. Without internet access,'
				+ ' start the sample with --sample.resclient-url=file:/path/to/resclient.min.js (a local copy it serves'
				+ ' itself; see docs/getting-started.md).'));
			document.head.appendChild(script);
		});
	}

	// Lights an element up for a moment: its value just changed through an event from the server.
	function flash(el) {
		if (!el) {
			return;
		}
		el.classList.remove('changed');
		void el.offsetWidth; // restarts the animation when the value changes again meanwhile
		el.classList.add('changed');
		clearTimeout(el.changedTimer);
		el.changedTimer = setTimeout(() => el.classList.remove('changed'), CHANGED_MS);
	}

	// Event log: every event frame the gateway sends on the WebSocket, newest first.
	const log = { count: 0 };

	// A time of day as people read it, in 24 hours: 21:48:26
	function clockTime(date) {
		return date.toLocaleTimeString([], { hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' });
	}

	function time(date) {
		return clockTime(date) + '.' + String(date.getMilliseconds()).padStart(3, '0');
	}

	function logFrame(text) {
		let msg;
		try {
			msg = JSON.parse(text);
		}
		catch (e) {
			return;
		}
		if (!msg || typeof msg.event !== 'string') {
			return; // a response to one of this page's requests
		}
		log.count++;
		$('log-count').textContent = log.count + (log.count === 1 ? ' event' : ' events');
		const li = document.createElement('li');
		li.dataset.event = msg.event;
		const when = li.appendChild(document.createElement('time'));
		when.textContent = time(new Date());
		const name = li.appendChild(document.createElement('code'));
		name.className = 'name';
		name.textContent = msg.event;
		if (msg.data !== undefined) {
			const data = li.appendChild(document.createElement('code'));
			data.className = 'data';
			data.textContent = JSON.stringify(msg.data);
		}
		li.hidden = msg.event.startsWith('ticker.model.') && !$('log-ticker').checked;
		const list = $('log');
		list.insertBefore(li, list.firstChild);
		while (list.children.length > LOG_SIZE) {
			list.lastChild.remove();
		}
	}

	function startLog() {
		$('log-ticker').addEventListener('change', () => {
			for (const li of $('log').children) {
				if (li.dataset.event.startsWith('ticker.model.')) {
					li.hidden = !$('log-ticker').checked;
				}
			}
		});
	}

	// A WebSocket for ResClient that shows every frame it receives in the event log.
	function loggingSocket(url) {
		const ws = new WebSocket(url);
		ws.addEventListener('message', ev => logFrame(ev.data));
		return ws;
	}

	// Hello world: example.model
	function startHello() {
		client.get('example.model').then(model => {
			const render = () => { $('hello-message').textContent = model.message; };
			render();
			model.on('change', () => { render(); flash($('hello-message')); });
			$('hello-set').addEventListener('click', () => {
				model.set({ message: $('hello-input').value })
					.then(() => { $('hello-input').value = ''; })
					.catch(showError);
			});
		}).catch(showError);
	}

	// Book collection: library.books, a collection of library.book.<id> models
	function renderBook(li, book) {
		li.dataset.rid = 'library.book.' + book.id;
		li.querySelector('.title').textContent = book.title;
		li.querySelector('.author').textContent = book.author;
	}

	function bookItem(book, books) {
		const li = $('book-template').content.firstElementChild.cloneNode(true);
		const view = li.querySelector('.view');
		const editor = li.querySelector('.editor');
		const onChange = changed => {
			renderBook(li, book);
			Object.keys(changed).forEach(key => flash(li.querySelector('.' + key)));
		};
		renderBook(li, book);
		book.on('change', onChange);
		li.dispose = () => book.off('change', onChange);
		li.querySelector('.edit').addEventListener('click', () => {
			li.querySelector('.edit-title').value = book.title;
			li.querySelector('.edit-author').value = book.author;
			view.hidden = true;
			editor.hidden = false;
		});
		const close = () => { editor.hidden = true; view.hidden = false; };
		li.querySelector('.cancel').addEventListener('click', close);
		li.querySelector('.save').addEventListener('click', () => {
			book.set({ title: li.querySelector('.edit-title').value, author: li.querySelector('.edit-author').value })
				.then(close)
				.catch(showError);
		});
		li.querySelector('.delete').addEventListener('click', () => {
			books.call('delete', { id: book.id }).catch(showError);
		});
		return li;
	}

	function startBooks() {
		client.get('library.books').then(books => {
			const list = $('books');
			for (const book of books) {
				list.appendChild(bookItem(book, books));
			}
			books.on('add', ev => {
				const li = bookItem(ev.item, books);
				list.insertBefore(li, list.children[ev.idx] || null);
				flash(li);
			});
			books.on('remove', ev => {
				const li = list.children[ev.idx];
				li.dispose();
				li.remove();
			});
		}).catch(showError);

		$('add-book').addEventListener('click', () => {
			client.call('library.books', 'new', { title: $('new-title').value, author: $('new-author').value })
				.then(() => { $('new-title').value = ''; $('new-author').value = ''; })
				.catch(showError);
		});
	}

	// Search: the query collection library.search?q=...&offset=...&limit=...; asks for one result more
	// than it shows, so that it knows whether a next page exists, and renders again on every add or remove
	// (the gateway turns the service's query events into those).
	const search = { results: null, off: null, items: [], offset: 0, timer: null, seq: 0 };

	function searchItem(book) {
		const li = document.createElement('li');
		const render = () => {
			li.dataset.rid = 'library.book.' + book.id;
			li.textContent = book.title + ' — ' + book.author;
		};
		const onChange = () => { render(); flash(li); };
		render();
		book.on('change', onChange);
		search.items.push(() => book.off('change', onChange));
		return li;
	}

	function renderSearch(addedIdx) {
		search.items.forEach(off => off());
		search.items = [];
		const all = search.results.toArray();
		const shown = all.slice(0, SEARCH_PAGE);
		const list = $('search-results');
		list.textContent = '';
		shown.forEach((book, idx) => {
			const li = list.appendChild(searchItem(book));
			if (idx === addedIdx) {
				flash(li);
			}
		});
		if (shown.length === 0) {
			if (search.offset > 0) {
				search.offset = Math.max(0, search.offset - SEARCH_PAGE); // this page became empty
				runSearch();
				return;
			}
			const empty = list.appendChild(document.createElement('li'));
			empty.className = 'empty';
			empty.textContent = 'No books match.';
		}
		$('search-page').textContent = shown.length === 0 ? 'no results'
			: 'results ' + (search.offset + 1) + '–' + (search.offset + shown.length);
		$('search-prev').disabled = search.offset === 0;
		$('search-next').disabled = all.length <= SEARCH_PAGE;
	}

	function clearSearch() {
		if (search.off) {
			search.off();
		}
		search.items.forEach(off => off());
		search.items = [];
		search.results = null;
		search.off = null;
	}

	function runSearch() {
		const seq = ++search.seq;
		const q = $('search-input').value.trim();
		const rid = 'library.search?q=' + encodeURIComponent(q) + '&offset=' + search.offset + '&limit=' + (SEARCH_PAGE + 1);
		client.get(rid).then(results => {
			if (seq !== search.seq) {
				return; // a newer search was started meanwhile
			}
			clearSearch();
			search.results = results;
			const onAdd = ev => renderSearch(ev.idx);
			const onRemove = () => renderSearch(-1);
			results.on('add', onAdd);
			results.on('remove', onRemove);
			search.off = () => { results.off('add', onAdd); results.off('remove', onRemove); };
			renderSearch(-1);
			$('search-results').dataset.query = q; // which search the list shows
			$('search-results').dataset.offset = search.offset;
		}).catch(showError);
	}

	function startSearch() {
		$('search-input').addEventListener('input', () => {
			search.offset = 0;
			clearTimeout(search.timer);
			search.timer = setTimeout(runSearch, 250);
		});
		$('search-prev').addEventListener('click', () => {
			search.offset = Math.max(0, search.offset - SEARCH_PAGE);
			runSearch();
		});
		$('search-next').addEventListener('click', () => {
			search.offset += SEARCH_PAGE;
			runSearch();
		});
		runSearch();
	}

	// Ticker: ticker.model, readable by everyone; a change event and a custom "tick" event each second
	function duration(seconds) {
		const h = Math.floor(seconds / 3600);
		const m = Math.floor(seconds / 60) % 60;
		const s = seconds % 60;
		return (h > 0 ? h + ' h ' : '') + (h > 0 || m > 0 ? m + ' min ' : '') + s + ' s';
	}

	function startTicker() {
		client.get('ticker.model').then(model => {
			const render = () => {
				$('ticker-seconds').textContent = model.seconds;
				$('ticker-uptime').textContent = duration(model.seconds);
			};
			render();
			model.on('change', () => { render(); flash($('ticker-seconds')); });
			model.on('tick', data => {
				const when = new Date(data.time);
				$('ticker-time').textContent = isNaN(when) ? data.time : clockTime(when);
				$('ticker-time').title = data.time;
				flash($('ticker-time'));
			});
		}).catch(err => {
			$('ticker-time').textContent = 'not available (' + (err.code || err.message) + ')';
		});
	}

	// Login, two ways, both showing the model account.<user>:
	// - the RES way: auth session.login / session.logout, call session.revoke (sign out everywhere);
	// - Spring Security's form at /login: the page's WebSocket opens with the session cookie, so the gateway
	//   gives it the user's token; GET sample/me says who that is. Logging out (POST logout) ends the session
	//   and POST sample/sign-out-everywhere all of the user's sessions: the gateway then clears the tokens
	//   they gave (system.tokenReset), and every tab loses the account through an unsubscribe event.
	const account = { off: null, via: null };
	const spring = { csrf: null };

	function showLoggedOut() {
		if (account.off) {
			account.off();
			account.off = null;
		}
		account.via = null;
		$('account-panel').hidden = true;
		$('login-form').hidden = false;
		$('spring-login').hidden = false;
	}

	function showAccount(user, via) {
		client.get('account.' + user).then(model => {
			const render = () => {
				$('account-name').textContent = model.name;
				$('account-role').textContent = model.role;
				$('account-sessions').textContent = model.sessions;
				$('account-via').textContent = via === 'spring' ? 'through Spring Security' : 'through RES';
			};
			const onChange = changed => {
				render();
				if ('sessions' in changed) {
					flash($('account-sessions'));
				}
			};
			const onUnsubscribe = () => showLoggedOut(); // the token no longer grants access
			if (account.off) {
				account.off();
			}
			account.via = via;
			render();
			model.on('change', onChange);
			model.on('unsubscribe', onUnsubscribe);
			account.off = () => { model.off('change', onChange); model.off('unsubscribe', onUnsubscribe); };
			$('login-form').hidden = true;
			$('spring-login').hidden = true;
			$('account-panel').hidden = false;
		}).catch(showError);
	}

	// Who Spring Security logged in, and the CSRF token for the POSTs below.
	function springMe() {
		return fetch('sample/me', { cache: 'no-store', credentials: 'same-origin' })
			.then(res => res.ok ? res.json() : {})
			.then(me => {
				spring.csrf = me.csrfHeader ? { [me.csrfHeader]: me.csrfToken } : {};
				return me.user || null;
			});
	}

	function springPost(path) {
		return springMe()
			.then(() => fetch(path, { method: 'POST', headers: spring.csrf, credentials: 'same-origin', redirect: 'manual' }))
			.then(res => {
				if (!res.ok && res.type !== 'opaqueredirect') {
					throw new Error(path + ' answered ' + res.status);
				}
				return res;
			});
	}

	function startSession() {
		$('login-form').addEventListener('submit', ev => {
			ev.preventDefault();
			client.authenticate('session', 'login', { username: $('login-username').value, password: $('login-password').value })
				.then(result => {
					$('login-password').value = '';
					showAccount(result.user, 'res');
				})
				.catch(showError);
		});
		$('logout-button').addEventListener('click', () => {
			if (account.via === 'spring') {
				springPost('logout').then(showLoggedOut).catch(showError);
			}
			else {
				client.authenticate('session', 'logout').then(showLoggedOut).catch(showError);
			}
		});
		$('revoke-button').addEventListener('click', () => {
			if (account.via === 'spring') {
				springPost('sample/sign-out-everywhere').catch(showError);
			}
			else {
				client.call('session', 'revoke', {}).catch(showError);
			}
		});
		springMe().then(user => {
			if (user) {
				showAccount(user, 'spring');
			}
		}).catch(showError);
	}

	fetch('sample/config')
		.then(res => res.json())
		.then(config => loadScript(config.resclientUrl).then(() => config))
		.then(config => {
			const ResClient = window.resclient.default;
			const wsUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + config.wsPath;
			client = new ResClient(() => loggingSocket(wsUrl));
			setStatus('connecting to ' + wsUrl);
			client.on('connect', () => setStatus('online: ' + wsUrl));
			client.on('disconnect', () => setStatus('offline, reconnecting…'));
			startLog();
			startHello();
			startTicker();
			startBooks();
			startSearch();
			startSession();
		})
		.catch(err => {
			setStatus('not started');
			showError(err, true);
		});
})();
