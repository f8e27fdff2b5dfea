/**
 * The store layer: Spring Data repositories as RES models, collections and query collections.
 * {@link io.resgate.spring.service.store.ResStore} marks the components whose resources show repository
 * entities; writes of those entities, through the repositories or the
 * {@link io.resgate.spring.service.store.EntityStore}, send the RES events after their transactions commit.
 * Active when Spring Data is on the class path.
 */
package io.resgate.spring.service.store;
