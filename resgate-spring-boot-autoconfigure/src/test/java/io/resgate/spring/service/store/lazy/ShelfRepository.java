package io.resgate.spring.service.store.lazy;

import org.springframework.data.repository.ListCrudRepository;

/** The shelves. */
public interface ShelfRepository extends ListCrudRepository<Shelf, Long> {
}
