package io.flashsale.configserver.switches;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ops' overrides, kept in a folder that survives restarts:
 *
 * <pre>
 * current.json              the overrides in force (the newest version, for people to read)
 * versions/000000012.json   every version's complete overrides, the source of truth
 * audit.jsonl               one JSON line per changed key, append-only
 * </pre>
 *
 * A change writes its version file first and then its audit lines, so a crash in between
 * loses audit lines, never a change. One config server owns a folder: changes are
 * serialized in this process, not across processes.
 */
public final class SwitchStore {

	/** The scope of a value every application gets. */
	public static final String GLOBAL = "*";

	private static final String VERSION_FILE = "%09d.json";

	private final Path versions;

	private final Path current;

	private final Path audit;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	private final JsonMapper prettyJson = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private volatile SwitchVersion latest;

	public SwitchStore(Path folder, Clock clock) {
		this.versions = folder.resolve("versions");
		this.current = folder.resolve("current.json");
		this.audit = folder.resolve("audit.jsonl");
		this.clock = clock;
		try {
			Files.createDirectories(this.versions);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the switch state folder " + folder, ex);
		}
		this.latest = versionNumbers().stream()
			.reduce((first, second) -> second)
			.flatMap(this::version)
			.orElseGet(SwitchVersion::initial);
	}

	public SwitchVersion current() {
		return this.latest;
	}

	/**
	 * Makes one change as a new version, unless {@code changes} throws.
	 * @param action what kind of change, for the audit
	 * @param by who
	 * @param reason why
	 * @param plan the plan, or {@code null}
	 * @param changes the keys to change, computed from the version in force under the
	 * store's lock so no other change slips in between
	 * @return the new version and its audit lines
	 */
	public synchronized Committed commit(String action, String by, String reason, String plan,
			Function<SwitchVersion, List<KeyChange>> changes) {
		SwitchVersion before = this.latest;
		List<KeyChange> keys = changes.apply(before);
		long number = before.version() + 1;
		Instant at = this.clock.instant();
		Map<String, Map<String, OverrideValue>> overrides = new HashMap<>();
		before.overrides().forEach((scope, values) -> overrides.put(scope, new HashMap<>(values)));
		List<AuditEntry> entries = new ArrayList<>();
		for (KeyChange change : keys) {
			Map<String, OverrideValue> scope = overrides.computeIfAbsent(change.scope(), (name) -> new HashMap<>());
			OverrideValue old = scope.get(change.key());
			Object value = OverrideValue.stored(change.value());
			if (value == null) {
				scope.remove(change.key());
			}
			else {
				scope.put(change.key(), new OverrideValue(value, number, by, at));
			}
			entries.add(new AuditEntry(number, at, by, action, application(change.scope()), change.key(),
					(old != null) ? old.value() : null, value, reason, plan));
		}
		if (entries.isEmpty()) {
			entries.add(new AuditEntry(number, at, by, action, null, null, null, null, reason, plan));
		}
		SwitchVersion after = new SwitchVersion(number, at, by, action, reason, overrides);
		writeAtomically(this.versions.resolve(VERSION_FILE.formatted(number)), after);
		writeAtomically(this.current, after);
		this.latest = after;
		append(entries);
		return new Committed(after, List.copyOf(entries));
	}

	/**
	 * Records an action that changes no value, such as scheduling a plan.
	 * @param action what happened
	 * @param by who
	 * @param reason why
	 * @param plan the plan, or {@code null}
	 */
	public synchronized void note(String action, String by, String reason, String plan) {
		append(List.of(new AuditEntry(this.latest.version(), this.clock.instant(), by, action, null, null, null, null,
				reason, plan)));
	}

	public Optional<SwitchVersion> version(long number) {
		if (number == 0) {
			return Optional.of(SwitchVersion.initial());
		}
		Path file = this.versions.resolve(VERSION_FILE.formatted(number));
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		return Optional.of(this.json.readValue(file.toFile(), SwitchVersion.class));
	}

	/**
	 * Every version, newest first, version 0 (the defaults) last.
	 * @return the versions
	 */
	public List<SwitchVersion> versions() {
		List<SwitchVersion> all = new ArrayList<>();
		all.add(SwitchVersion.initial());
		versionNumbers().forEach((number) -> version(number).ifPresent(all::add));
		Collections.reverse(all);
		return all;
	}

	/**
	 * The newest audit lines, newest first.
	 * @param limit how many
	 * @return the lines
	 */
	public synchronized List<AuditEntry> audit(int limit) {
		if (!Files.isRegularFile(this.audit)) {
			return List.of();
		}
		try (Stream<String> lines = Files.lines(this.audit, StandardCharsets.UTF_8)) {
			List<AuditEntry> all = lines.filter((line) -> !line.isBlank())
				.map((line) -> this.json.readValue(line, AuditEntry.class))
				.toList();
			List<AuditEntry> newest = new ArrayList<>(all.subList(Math.max(0, all.size() - limit), all.size()));
			Collections.reverse(newest);
			return newest;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private List<Long> versionNumbers() {
		try (Stream<Path> files = Files.list(this.versions)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.matches("\\d+\\.json"))
				.map((name) -> Long.parseLong(name.substring(0, name.length() - ".json".length())))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void append(List<AuditEntry> entries) {
		StringBuilder lines = new StringBuilder();
		entries.forEach((entry) -> lines.append(this.json.writeValueAsString(entry)).append('\n'));
		try {
			Files.writeString(this.audit, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND, StandardOpenOption.SYNC);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot append to the audit log " + this.audit, ex);
		}
	}

	private void writeAtomically(Path file, Object value) {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		try {
			Files.write(temporary, this.prettyJson.writeValueAsBytes(value), StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private static String application(String scope) {
		return GLOBAL.equals(scope) ? null : scope;
	}

}
