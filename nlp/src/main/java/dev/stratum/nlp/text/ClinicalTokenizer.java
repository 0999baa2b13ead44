package dev.stratum.nlp.text;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Stanford CoreNLP {@code tokenize,ssplit} configured for clinical text (Manning et al., "The
 * Stanford CoreNLP Natural Language Processing Toolkit", ACL 2014). Needs no models jar.
 *
 * <p>Options and why: hyphenated words are split ("HER2-positive" gives HER2, -, positive) so that
 * a gene or drug inside a compound is found; Penn Treebank escaping and bracket normalisation are
 * off so tokens keep their written form; every newline ends a sentence because clinical notes and
 * eligibility lists put one statement per line, and a ConText scope must not run across lines.
 *
 * <p>Build once and reuse: the pipeline is expensive to build and cheap to run. An instance is safe
 * to use from one thread at a time; give each thread or Spark partition its own.
 */
public final class ClinicalTokenizer {
  private final StanfordCoreNLP pipeline;

  private ClinicalTokenizer(StanfordCoreNLP pipeline) {
    this.pipeline = pipeline;
  }

  /** A tokenizer whose sentences end at every newline (notes, eligibility lists). */
  public static ClinicalTokenizer create() {
    Properties p = new Properties();
    p.setProperty("annotators", "tokenize,ssplit");
    p.setProperty(
        "tokenize.options",
        "invertible=false,ptb3Escaping=false,normalizeParentheses=false,"
            + "normalizeOtherBrackets=false,splitHyphenated=true,splitForwardSlash=true,"
            + "untokenizable=noneKeep");
    p.setProperty("ssplit.newlineIsSentenceBreak", "always");
    return new ClinicalTokenizer(new StanfordCoreNLP(p, false));
  }

  /** Sentences of {@code text}, each with its tokens and character offsets into {@code text}. */
  public List<Sentence> sentences(String text) {
    List<Sentence> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    Annotation doc = new Annotation(text);
    pipeline.annotate(doc);
    for (CoreMap s : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
      List<CoreLabel> labels = s.get(CoreAnnotations.TokensAnnotation.class);
      List<Token> tokens = new ArrayList<>(labels.size());
      for (CoreLabel l : labels) {
        int b = l.beginPosition();
        int e = l.endPosition();
        String w = text.substring(b, e);
        tokens.add(new Token(w, normalise(w), b, e));
      }
      if (!tokens.isEmpty()) {
        out.add(new Sentence(tokens, tokens.get(0).begin(), tokens.get(tokens.size() - 1).end()));
      }
    }
    return out;
  }

  /** All tokens of {@code text} regardless of sentences (used to tokenise lexicon phrases). */
  public List<Token> tokens(String text) {
    List<Token> all = new ArrayList<>();
    for (Sentence s : sentences(text)) {
      all.addAll(s.tokens());
    }
    return all;
  }

  /** The look-up form of a token: lower case, typographic dashes and quotes folded. */
  public static String normalise(String w) {
    String s = w.toLowerCase(Locale.ROOT);
    if (s.length() == 1) {
      char c = s.charAt(0);
      if (c == '\u2013' || c == '\u2014' || c == '\u2212') {
        return "-";
      }
    }
    return s.replace('\u2019', '\'');
  }
}
