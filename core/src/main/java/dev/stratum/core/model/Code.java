package dev.stratum.core.model;

import java.util.Objects;

/**
 * A code in a terminology: ICD-10-CM for conditions, LOINC for labs, RxNorm or ATC for drugs, HGNC
 * for genes, and so on. Two codes are equal when system and code are; the display name is for
 * people and does not take part in equality.
 *
 * @param system the code system
 * @param code the code as the system writes it, e.g. {@code E11.9} or {@code 4548-4}
 * @param display a human-readable name, may be empty
 */
public record Code(CodeSystem system, String code, String display) {
  public Code {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(code, "code");
    if (code.isBlank()) {
      throw new IllegalArgumentException("code must not be blank");
    }
    display = display == null ? "" : display;
  }

  public static Code of(CodeSystem system, String code) {
    return new Code(system, code, "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Code c && c.system == system && c.code.equals(code);
  }

  @Override
  public int hashCode() {
    return 31 * system.hashCode() + code.hashCode();
  }

  /** {@code SYSTEM:code}, e.g. {@code ICD10CM:E11.9}. */
  @Override
  public String toString() {
    return system.name() + ":" + code;
  }
}
