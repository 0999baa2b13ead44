package dev.stratum.core.error;

/**
 * Root of Stratum's small unchecked exception family. Module APIs throw only this type and its
 * subclasses, never checked exceptions; the CLI maps {@link InvalidInputException} to exit code 2
 * and everything else to exit code 1.
 */
public class StratumException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StratumException(String message) {
    super(message);
  }

  public StratumException(String message, Throwable cause) {
    super(message, cause);
  }
}
