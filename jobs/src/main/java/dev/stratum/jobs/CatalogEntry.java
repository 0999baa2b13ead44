package dev.stratum.jobs;

/**
 * One feature of the wide patient table.
 *
 * @param name column name in the {@code patients} table
 * @param type boolean, int, double or string
 * @param unit UCUM unit, or empty
 * @param family the long table it is derived from (conditions, measurements, variants, ...)
 * @param description what the value means
 * @param source the raw input it comes from
 */
public record CatalogEntry(
    String name, String type, String unit, String family, String description, String source) {}
