package dev.stratum.core.nlp;

import java.util.Locale;

/** Whom a mention is about (ConText's "experiencer"). */
public enum Experiencer {
  PATIENT,
  FAMILY,
  OTHER;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
