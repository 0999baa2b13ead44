package dev.stratum.notebooks.paragraph;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one interpreter session remembers between paragraphs, e.g. the feature-store snapshot a
 * {@code store open} paragraph opened, so that later paragraphs work on it. Values are keyed by
 * typed {@link Key}s that each command family declares as constants.
 */
public final class Session {
  /**
   * A typed key.
   *
   * @param name a unique name, by convention {@code family.thing}, e.g. {@code store.snapshot}
   * @param type the class of the values stored under the key
   */
  public record Key<T>(String name, Class<T> type) {}

  private final Map<String, Object> values = new ConcurrentHashMap<>();

  /** The value stored under {@code key}. */
  public <T> Optional<T> get(Key<T> key) {
    return Optional.ofNullable(values.get(key.name())).map(key.type()::cast);
  }

  /** Stores {@code value} under {@code key}, replacing what was there. */
  public <T> void put(Key<T> key, T value) {
    values.put(key.name(), key.type().cast(value));
  }

  /** Forgets everything; called when the interpreter closes. */
  public void clear() {
    values.clear();
  }
}
