package io.resgate.spring.service.store.lazy;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OrderColumn;

/**
 * A JPA entity with a lazy association: a shelf and the titles on it (an element collection, loaded when first
 * used).
 */
@Entity
public class Shelf {

	@Id
	@GeneratedValue
	private Long id;

	private String name;

	@ElementCollection
	@OrderColumn
	private List<String> titles = new ArrayList<>();

	/** For JPA. */
	protected Shelf() {
	}

	public Shelf(String name, List<String> titles) {
		this.name = name;
		this.titles = new ArrayList<>(titles);
	}

	public Long getId() {
		return id;
	}

	public String getName() {
		return name;
	}

	/** @return the titles: the shelf's collection resource, not part of its model */
	@JsonIgnore
	public List<String> getTitles() {
		return titles;
	}
}
