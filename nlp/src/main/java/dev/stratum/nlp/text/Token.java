package dev.stratum.nlp.text;

/**
 * A token of a note: its text as written, its normalised form for lexicon look-up, and its
 * character span in the source.
 *
 * @param text the token as written
 * @param norm lower-cased form used for case-insensitive matching
 * @param begin offset of the first character in the source
 * @param end offset one past the last character
 */
public record Token(String text, String norm, int begin, int end) {}
