package dev.stratum.notebooks.store;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.jobs.Pseudonymizer;
import dev.stratum.notebooks.paragraph.NotebookSettings;
import dev.stratum.trust.RevocationList;
import dev.stratum.trust.StratumConfig;
import java.util.Set;

/** The interpreter's view of the configured revocation list (issue 9). */
public final class Revocations {
  private Revocations() {}

  /**
   * The configured revocation list (source ids) as the store's pseudonyms, left out of every match
   * and stratification until the next snapshot records them (issue 9: revocations apply at query
   * time), mapped with the pseudonym key from the environment variable the configuration names. A
   * non-empty list without the key is refused, as in the CLI: it could not be applied.
   */
  public static Set<String> pseudonyms(NotebookSettings settings) {
    StratumConfig config = settings.trustConfig();
    RevocationList list = config.revocations();
    if (list.size() == 0) {
      return Set.of();
    }
    String key = System.getenv(config.pseudonymKeyEnv());
    if (key == null || key.isBlank()) {
      throw InvalidInputException.ofArgument(
          "consent.revocations",
          "the revocation list holds source ids and the store pseudonyms: set the pseudonym key"
              + " in "
              + config.pseudonymKeyEnv()
              + " for the interpreter so revoked patients can be left out (docs/privacy.md)");
    }
    Pseudonymizer p = Pseudonymizer.ofHex(key);
    return list.mapped(p::pseudonym).ids();
  }
}
