package dev.stratum.matching;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzer of note text: Unicode word boundaries (UAX #29, so {@code L858R}, {@code 3+} and
 * {@code 10^9/L} split as a reader expects), lower case, accents folded (Sjögren = Sjogren),
 * possessives dropped, and Krovetz's light inflectional stemmer (Krovetz 1993, "Viewing morphology
 * as an inference process"), which keeps clinical terms recognisable where Porter would cut them
 * (metastases -> metastasis, not "metastas"). No stop words: "no", "not" and "without" carry
 * negation that phrase queries ("no evidence of") must see.
 */
public final class ClinicalAnalyzer extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer source = new StandardTokenizer();
    TokenStream s = new EnglishPossessiveFilter(source);
    s = new LowerCaseFilter(s);
    s = new ASCIIFoldingFilter(s);
    s = new KStemFilter(s);
    return new TokenStreamComponents(source, s);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ASCIIFoldingFilter(new LowerCaseFilter(in));
  }

  @Override
  public int getPositionIncrementGap(String fieldName) {
    // Notes are separate documents: a phrase must not run from one note into the next.
    return 100;
  }
}
