package dev.stratum.nlp.text;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.Tokenizer;
import edu.stanford.nlp.process.TokenizerFactory;
import edu.stanford.nlp.util.CoreMap;
import java.io.StringReader;
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
  private static final String OPTIONS =
      "invertible=false,ptb3Escaping=false,normalizeParentheses=false,"
          + "normalizeOtherBrackets=false,splitHyphenated=true,splitForwardSlash=true,"
          + "untokenizable=noneKeep";

  private final StanfordCoreNLP pipeline;
  private final TokenizerFactory<CoreLabel> words;

  private ClinicalTokenizer(StanfordCoreNLP pipeline) {
    this.pipeline = pipeline;
    this.words = PTBTokenizer.factory(new CoreLabelTokenFactory(), OPTIONS);
  }

  /** A tokenizer whose sentences end at every newline (notes, eligibility lists). */
  public static ClinicalTokenizer create() {
    Properties p = new Properties();
    p.setProperty("annotators", "tokenize,ssplit");
    p.setProperty("tokenize.options", OPTIONS);
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
        add(tokens, text.substring(b, e), b, e);
      }
      if (!tokens.isEmpty()) {
        out.add(new Sentence(tokens, tokens.get(0).begin(), tokens.get(tokens.size() - 1).end()));
      }
    }
    return out;
  }

  /**
   * All tokens of {@code text} regardless of sentences, by the same tokenizer and options as {@link
   * #sentences} (used to tokenise lexicon and trigger phrases).
   */
  public List<Token> tokens(String text) {
    List<Token> all = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return all;
    }
    Tokenizer<CoreLabel> t = words.getTokenizer(new StringReader(text));
    while (t.hasNext()) {
      CoreLabel l = t.next();
      add(
          all,
          text.substring(l.beginPosition(), l.endPosition()),
          l.beginPosition(),
          l.endPosition());
    }
    return all;
  }

  /**
   * Tokens of each phrase, tokenised in one pass (phrases joined by newlines; building a tokenizer
   * per phrase would dominate start-up for a lexicon of thousands of phrases). Offsets are relative
   * to each phrase.
   */
  public List<List<Token>> tokensOfEach(List<String> phrases) {
    StringBuilder sb = new StringBuilder();
    int[] starts = new int[phrases.size() + 1];
    for (int i = 0; i < phrases.size(); i++) {
      starts[i] = sb.length();
      sb.append(phrases.get(i).replace('\n', ' ')).append('\n');
    }
    starts[phrases.size()] = sb.length();
    List<List<Token>> out = new ArrayList<>(phrases.size());
    for (int i = 0; i < phrases.size(); i++) {
      out.add(new ArrayList<>());
    }
    int k = 0;
    for (Token t : tokens(sb.toString())) {
      while (t.begin() >= starts[k + 1]) {
        k++;
      }
      out.get(k).add(new Token(t.text(), t.norm(), t.begin() - starts[k], t.end() - starts[k]));
    }
    return out;
  }

  /**
   * Adds a token; a word starting with the prefix "non-" becomes "non", "-" and the rest, which
   * CoreNLP's splitHyphenated keeps whole (Penn Treebank keeps common prefixes attached), so that
   * "non-dialysis" can negate "dialysis" while "non-small cell lung cancer" still matches as a
   * phrase tokenised the same way.
   */
  private static void add(List<Token> out, String w, int b, int e) {
    if (w.length() > 4 && w.regionMatches(true, 0, "non-", 0, 4)) {
      out.add(new Token(w.substring(0, 3), normalise(w.substring(0, 3)), b, b + 3));
      out.add(new Token("-", "-", b + 3, b + 4));
      add(out, w.substring(4), b + 4, e);
      return;
    }
    out.add(new Token(w, normalise(w), b, e));
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
