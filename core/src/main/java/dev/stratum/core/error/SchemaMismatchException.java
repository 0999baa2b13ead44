package dev.stratum.core.error;

/**
 * A persisted artifact (feature-store snapshot, index, model JSON) was written with a format name
 * or schema version this build cannot read. The message names the artifact, what it declares and
 * what this build supports. The CLI reports it as bad input (exit code 2).
 */
public class SchemaMismatchException extends StratumException {
  private static final long serialVersionUID = 1L;

  public SchemaMismatchException(String artifact, String found, String supported) {
    super(artifact + ": written as " + found + ", this build reads " + supported);
  }
}
