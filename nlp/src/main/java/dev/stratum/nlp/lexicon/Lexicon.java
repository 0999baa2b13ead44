package dev.stratum.nlp.lexicon;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.model.Code;
import dev.stratum.core.model.CodeSystem;
import dev.stratum.nlp.text.ClinicalTokenizer;
import dev.stratum.nlp.text.Token;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The curated clinical lexicon: concepts with codes and synonyms, read from tab-separated files.
 * The shipped files live on the class path under {@code dev/stratum/nlp/lexicon/}; more files in
 * the same format can be added at run time ({@link #load(List)}).
 *
 * <p>File format (UTF-8, one concept per line, {@code #} starts a comment line, blank lines
 * ignored): {@code category<TAB>concept<TAB>system<TAB>code<TAB>synonyms<TAB>attributes} where
 * system is a {@link CodeSystem} name or {@code -} (no code), synonyms are separated by {@code |},
 * and attributes are {@code key=value} pairs separated by {@code ;}. The concept name is itself a
 * synonym. Synonyms in capitals (abbreviations, up to five characters) match only in capitals.
 */
public final class Lexicon {
  /** The files shipped in the jar, in load order. */
  public static final List<String> BUILT_IN =
      List.of(
          "conditions.tsv",
          "drugs.tsv",
          "labs.tsv",
          "biomarkers.tsv",
          "observations.tsv",
          "procedures.tsv");

  private final List<LexiconEntry> entries;
  private final PhraseTrie<LexiconEntry> trie;
  private final Map<String, LexiconEntry> byConcept;

  private Lexicon(List<LexiconEntry> entries, PhraseTrie<LexiconEntry> trie) {
    this.entries = List.copyOf(entries);
    this.trie = trie;
    Map<String, LexiconEntry> m = new LinkedHashMap<>();
    for (LexiconEntry e : entries) {
      m.putIfAbsent(e.concept().toLowerCase(Locale.ROOT), e);
    }
    this.byConcept = Collections.unmodifiableMap(m);
  }

  /** The built-in lexicon. */
  public static Lexicon builtIn(ClinicalTokenizer tokenizer) {
    return load(tokenizer, List.of());
  }

  /** The built-in lexicon plus the given extra files (same format). */
  public static Lexicon load(ClinicalTokenizer tokenizer, List<Path> extraFiles) {
    List<LexiconEntry> entries = new ArrayList<>();
    PhraseTrie<LexiconEntry> trie = new PhraseTrie<>();
    for (String name : BUILT_IN) {
      String res = "/dev/stratum/nlp/lexicon/" + name;
      try (InputStream in = Lexicon.class.getResourceAsStream(res)) {
        if (in == null) {
          throw new IllegalStateException("lexicon resource missing from the jar: " + res);
        }
        read(
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
            res,
            tokenizer,
            entries,
            trie);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (Path p : extraFiles) {
      try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
        read(r, p.toString(), tokenizer, entries, trie);
      } catch (IOException e) {
        throw InvalidInputException.at(p.toString(), 0, null, "cannot read: " + e.getMessage(), e);
      }
    }
    return new Lexicon(entries, trie);
  }

  private static void read(
      BufferedReader r,
      String source,
      ClinicalTokenizer tokenizer,
      List<LexiconEntry> entries,
      PhraseTrie<LexiconEntry> trie)
      throws IOException {
    String line;
    int no = 0;
    while ((line = r.readLine()) != null) {
      no++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length < 5) {
        throw InvalidInputException.at(
            source, no, null, "expected 5 or 6 tab-separated fields, found " + f.length);
      }
      String category = f[0].strip();
      String concept = f[1].strip();
      Code code = null;
      if (!f[2].isBlank() && !f[2].strip().equals("-")) {
        try {
          code = new Code(CodeSystem.valueOf(f[2].strip()), f[3].strip(), concept);
        } catch (IllegalArgumentException e) {
          throw InvalidInputException.at(source, no, "system/code", e.getMessage(), e);
        }
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      if (f.length > 5 && !f[5].isBlank()) {
        for (String kv : f[5].split(";")) {
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw InvalidInputException.at(source, no, "attributes", "expected key=value: " + kv);
          }
          attrs.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
        }
      }
      LexiconEntry e = new LexiconEntry(category, concept, code, attrs);
      entries.add(e);
      List<String> phrases = new ArrayList<>();
      phrases.add(concept);
      for (String s : f[4].split("\\|")) {
        if (!s.isBlank()) {
          phrases.add(s.strip());
        }
      }
      for (List<Token> toks : tokenizer.tokensOfEach(phrases)) {
        trie.add(toks, e);
        // Regular plurals ("metastases" aside) so that "tumors" or "statins" match.
        if (!toks.isEmpty()) {
          Token last = toks.get(toks.size() - 1);
          if (last.text().length() > 3
              && Character.isLetter(last.text().charAt(last.text().length() - 1))
              && !last.norm().endsWith("s")
              && !PhraseTrie.isAbbreviation(last.text())) {
            List<Token> plural = new ArrayList<>(toks);
            plural.set(
                toks.size() - 1,
                new Token(last.text() + "s", last.norm() + "s", last.begin(), last.end() + 1));
            trie.add(plural, e);
          }
        }
      }
    }
  }

  public List<LexiconEntry> entries() {
    return entries;
  }

  /** The phrase index over token sequences. */
  public PhraseTrie<LexiconEntry> phrases() {
    return trie;
  }

  /** The entry whose concept name is {@code concept} (case-insensitive), or null. */
  public LexiconEntry concept(String concept) {
    return byConcept.get(concept.toLowerCase(Locale.ROOT));
  }
}
