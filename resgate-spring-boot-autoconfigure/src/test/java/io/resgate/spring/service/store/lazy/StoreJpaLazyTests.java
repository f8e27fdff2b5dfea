package io.resgate.spring.service.store.lazy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResCollection;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.store.EntityStore;
import io.resgate.spring.service.store.ResStore;
import io.resgate.spring.service.test.AutoConfigureResTestClient;
import io.resgate.spring.service.test.ResTestClient;

/**
 * Store resources over JPA entities with a lazy association (Hibernate, embedded H2, in-process bus): a get
 * handler's value reaches the association after the handler returns, when it is turned into JSON, which the
 * store's read-only transaction around the handler allows; and a change made to the association in place sends
 * its events.
 */
@SpringBootTest(properties = { "spring.autoconfigure.exclude="
		+ "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration",
		"spring.jpa.hibernate.ddl-auto=create-drop" })
@AutoConfigureResTestClient
class StoreJpaLazyTests {

	@Autowired
	ResTestClient client;

	@Autowired
	ShelfRepository shelves;

	@Test
	void aLazyAssociationIsShownAndItsInPlaceChangesSendEvents() {
		long id = shelves.save(new Shelf("Dystopias", List.of("Animal Farm", "We"))).getId();
		client.clearEvents();
		String titles = "shelf." + id + ".titles";
		client.get("shelf." + id).assertModel(Map.of("id", id, "name", "Dystopias"));
		client.get(titles).assertCollection(List.of("Animal Farm", "We"));

		client.call(titles, "add", Map.of("title", "Brave New World")).assertResult(null);
		client.nextEventOf(titles).assertAdd(titles, "Brave New World", 1);
		client.get(titles).assertCollection(List.of("Animal Farm", "Brave New World", "We"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ShelfModel.class, ShelfTitles.class })
	static class App {
	}

	/** {@code shelf.$id}: a shelf. */
	@ResModel("shelf.$id")
	@ResStore(Shelf.class)
	static class ShelfModel {

		private final ShelfRepository shelves;

		ShelfModel(ShelfRepository shelves) {
			this.shelves = shelves;
		}

		@ResAccess
		Access access() {
			return Access.granted();
		}

		@ResGet
		Optional<Shelf> get(@PathParam("id") long id) {
			return shelves.findById(id);
		}
	}

	/** {@code shelf.$id.titles}: the titles on a shelf, in order; {@code add} puts one in alphabetical place. */
	@ResCollection("shelf.$id.titles")
	@ResStore(Shelf.class)
	static class ShelfTitles {

		private final ShelfRepository shelves;

		private final EntityStore store;

		ShelfTitles(ShelfRepository shelves, EntityStore store) {
			this.shelves = shelves;
			this.store = store;
		}

		@ResAccess
		Access access() {
			return Access.granted();
		}

		@ResGet
		Optional<List<String>> get(@PathParam("id") long id) {
			// the lazy collection, loaded when it is turned into JSON
			return shelves.findById(id).map(Shelf::getTitles);
		}

		@ResCall("add")
		void add(@PathParam("id") long id, @ResParams Map<String, String> params) {
			store.update(Shelf.class, id, shelf -> {
				List<String> list = shelf.getTitles();
				String title = params.get("title");
				int at = 0;
				while (at < list.size() && list.get(at).compareTo(title) < 0) {
					at++;
				}
				list.add(at, title);
				return shelf;
			});
		}
	}
}
