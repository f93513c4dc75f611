package io.tally.dashboard.invoices;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Localized messages of an invalid form: per field (shown next to it and tied to it with
 * {@code aria-describedby}) and for the form as a whole.
 */
public final class FormErrors {

	private final Map<String, List<String>> fields = new LinkedHashMap<>();

	private final List<String> global = new ArrayList<>();

	void field(String field, String message) {
		this.fields.computeIfAbsent(field, (key) -> new ArrayList<>()).add(message);
	}

	void global(String message) {
		this.global.add(message);
	}

	/** Whether anything is wrong. */
	public boolean any() {
		return !this.fields.isEmpty() || !this.global.isEmpty();
	}

	/** Whether {@code field} has a message. */
	public boolean has(String field) {
		return this.fields.containsKey(field);
	}

	/** The messages of {@code field}. */
	public List<String> of(String field) {
		return this.fields.getOrDefault(field, List.of());
	}

	/** Fields with messages, in form order. */
	public List<String> fieldNames() {
		return List.copyOf(this.fields.keySet());
	}

	/** Messages that belong to no field. */
	public List<String> global() {
		return List.copyOf(this.global);
	}

}
