// The sample page: plain JavaScript over ResClient (npm "resclient" 2.x, loaded from the URL that
// GET /sample/config names). Every value shown comes from a RES resource and stays live through events.
(function () {
	'use strict';

	const $ = id => document.getElementById(id);
	const SEARCH_LIMIT = 5;
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

	// Hello world: example.model
	function startHello() {
		client.get('example.model').then(model => {
			const render = () => { $('hello-message').textContent = model.message; };
			render();
			model.on('change', render);
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
		const onChange = () => renderBook(li, book);
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
			books.on('add', ev => list.insertBefore(bookItem(ev.item, books), list.children[ev.idx] || null));
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

	// Search: the query collection library.search?q=...&offset=...&limit=...
	const search = { collection: null, listeners: [], offset: 0, timer: null, seq: 0 };

	function searchItem(book) {
		const li = document.createElement('li');
		const render = () => {
			li.dataset.rid = 'library.book.' + book.id;
			li.textContent = book.title + ' — ' + book.author;
		};
		render();
		book.on('change', render);
		search.listeners.push(() => book.off('change', render));
		return li;
	}

	function clearSearch() {
		search.listeners.forEach(off => off());
		search.listeners = [];
		search.collection = null;
		$('search-results').textContent = '';
	}

	function runSearch() {
		const seq = ++search.seq;
		const q = $('search-input').value.trim();
		const rid = 'library.search?q=' + encodeURIComponent(q) + '&offset=' + search.offset + '&limit=' + SEARCH_LIMIT;
		client.get(rid).then(results => {
			if (seq !== search.seq) {
				return; // a newer search was started meanwhile
			}
			clearSearch();
			search.collection = results;
			const list = $('search-results');
			for (const book of results) {
				list.appendChild(searchItem(book));
			}
			const onAdd = ev => list.insertBefore(searchItem(ev.item), list.children[ev.idx] || null);
			const onRemove = ev => list.children[ev.idx].remove();
			results.on('add', onAdd);
			results.on('remove', onRemove);
			search.listeners.push(() => { results.off('add', onAdd); results.off('remove', onRemove); });
			$('search-page').textContent = 'page ' + (search.offset / SEARCH_LIMIT + 1);
			list.dataset.query = q; // which search the list shows
		}).catch(showError);
	}

	function startSearch() {
		$('search-input').addEventListener('input', () => {
			search.offset = 0;
			clearTimeout(search.timer);
			search.timer = setTimeout(runSearch, 250);
		});
		$('search-prev').addEventListener('click', () => {
			search.offset = Math.max(0, search.offset - SEARCH_LIMIT);
			runSearch();
		});
		$('search-next').addEventListener('click', () => {
			search.offset += SEARCH_LIMIT;
			runSearch();
		});
		runSearch();
	}

	// Ticker: ticker.model, readable only with a token; a change event and a custom "tick" event each second
	const ticker = { model: null, off: null };

	function showTicker(visible) {
		$('ticker').hidden = !visible;
		$('ticker-locked').hidden = visible;
	}

	function stopTicker() {
		if (ticker.off) {
			ticker.off();
		}
		ticker.model = null;
		ticker.off = null;
		showTicker(false);
	}

	function startTicker() {
		if (ticker.model) {
			return;
		}
		client.get('ticker.model').then(model => {
			const render = () => { $('ticker-seconds').textContent = model.seconds; };
			const onTick = data => { $('ticker-time').textContent = data.time; };
			const onUnsubscribe = () => stopTicker(); // access lost: logged out or token revoked
			render();
			model.on('change', render);
			model.on('tick', onTick);
			model.on('unsubscribe', onUnsubscribe);
			ticker.model = model;
			ticker.off = () => {
				model.off('change', render);
				model.off('tick', onTick);
				model.off('unsubscribe', onUnsubscribe);
			};
			showTicker(true);
		}).catch(() => showTicker(false));
	}

	// Login: auth session.login / session.logout, call session.revoke, model account.<user>
	const account = { off: null };

	function showLoggedOut() {
		if (account.off) {
			account.off();
			account.off = null;
		}
		$('account-panel').hidden = true;
		$('login-form').hidden = false;
		stopTicker();
	}

	function showAccount(user) {
		client.get('account.' + user).then(model => {
			const render = () => {
				$('account-name').textContent = model.name;
				$('account-role').textContent = model.role;
				$('account-sessions').textContent = model.sessions;
			};
			const onUnsubscribe = () => showLoggedOut(); // the token no longer grants access
			render();
			model.on('change', render);
			model.on('unsubscribe', onUnsubscribe);
			account.off = () => { model.off('change', render); model.off('unsubscribe', onUnsubscribe); };
			$('login-form').hidden = true;
			$('account-panel').hidden = false;
			startTicker();
		}).catch(showError);
	}

	function startSession() {
		$('login-form').addEventListener('submit', ev => {
			ev.preventDefault();
			client.authenticate('session', 'login', { username: $('login-username').value, password: $('login-password').value })
				.then(result => {
					$('login-password').value = '';
					showAccount(result.user);
				})
				.catch(showError);
		});
		$('logout-button').addEventListener('click', () => {
			client.authenticate('session', 'logout').then(showLoggedOut).catch(showError);
		});
		$('revoke-button').addEventListener('click', () => {
			client.call('session', 'revoke', {}).catch(showError);
		});
	}

	fetch('sample/config')
		.then(res => res.json())
		.then(config => loadScript(config.resclientUrl).then(() => config))
		.then(config => {
			const ResClient = window.resclient.default;
			const wsUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + config.wsPath;
			client = new ResClient(wsUrl);
			setStatus('connecting to ' + wsUrl);
			client.on('connect', () => setStatus('online: ' + wsUrl));
			client.on('disconnect', () => setStatus('offline, reconnecting…'));
			startHello();
			startBooks();
			startSearch();
			startSession();
			showTicker(false);
			startTicker();
		})
		.catch(err => {
			setStatus('not started');
			showError(err, true);
		});
})();
