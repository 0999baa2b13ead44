package dev.stratum.core.criteria;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * A look-back window such as "within 4 weeks before enrolment".
 *
 * @param within how many units
 * @param unit days, weeks, months or years
 */
public record TimeWindow(int within, ChronoUnit unit) {
  public TimeWindow {
    Objects.requireNonNull(unit, "unit");
    if (within < 0) {
      throw new IllegalArgumentException("within must be >= 0, got " + within);
    }
    if (unit != ChronoUnit.DAYS
        && unit != ChronoUnit.WEEKS
        && unit != ChronoUnit.MONTHS
        && unit != ChronoUnit.YEARS) {
      throw new IllegalArgumentException("unit must be days, weeks, months or years, got " + unit);
    }
  }

  /** The earliest date inside the window that ends on {@code reference}. */
  public LocalDate start(LocalDate reference) {
    return reference.minus(within, unit);
  }

  /** Whether {@code date} lies in the window ending on {@code reference} (both ends inclusive). */
  public boolean contains(LocalDate date, LocalDate reference) {
    return !date.isBefore(start(reference)) && !date.isAfter(reference);
  }

  /** The unit as CLI.md writes it: days, weeks, months, years. */
  public String unitLabel() {
    return unit.name().toLowerCase(Locale.ROOT);
  }

  public static TimeWindow of(int within, String unitLabel) {
    return new TimeWindow(within, ChronoUnit.valueOf(unitLabel.toUpperCase(Locale.ROOT)));
  }
}
