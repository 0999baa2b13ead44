/**
 * Stratum's shared records. Every other module exchanges data through these types in memory and
 * through files on disk; this module has no third-party dependencies.
 *
 * <ul>
 *   <li>{@code error} - the unchecked exception family
 *   <li>{@code model} - person, sex, codes, consent
 *   <li>{@code units} - UCUM quantities and conversion
 *   <li>{@code clinical} - dated events from the OMOP tables
 *   <li>{@code genomics} - variants and omics matrices
 *   <li>{@code nlp} - note facts, assertion status, evidence spans
 *   <li>{@code criteria} - trials and structured eligibility criteria
 *   <li>{@code strata} - stratum assignments and summaries
 * </ul>
 */
package dev.stratum.core;
