package dev.stratum.nlp.context;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Section headings of a note ("Family History:", "PMH:", "Plan:") and the character ranges they
 * govern. A section runs from its heading to the next known heading or a blank line.
 */
public final class Sections {
  // A heading: at a line start or after a sentence end, a few words, then a colon.
  private static final Pattern HEADING =
      Pattern.compile("(?:^|\\n|(?<=[.;]\\s{1,3}))[ \\t]*([A-Za-z][A-Za-z /&-]{0,40}?)[ \\t]*:");
  private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t]*\\n");

  private record Range(int begin, int end, TriggerClass effect) {}

  private final List<Range> ranges;

  private Sections(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /** Finds the known section headings of {@code text}. */
  public static Sections of(String text, ContextRules rules) {
    List<int[]> starts = new ArrayList<>();
    List<TriggerClass> effects = new ArrayList<>();
    Matcher m = HEADING.matcher(text);
    while (m.find()) {
      TriggerClass effect = rules.section(m.group(1));
      if (effect != null) {
        starts.add(new int[] {m.start(1), m.start(1)});
        effects.add(effect);
      }
    }
    List<Range> ranges = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      TriggerClass effect = effects.get(i);
      if (effect == TriggerClass.PSEUDO) {
        continue;
      }
      int from = starts.get(i)[1];
      int to = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
      Matcher b = BLANK_LINE.matcher(text).region(from, to);
      if (b.find()) {
        to = b.start();
      }
      ranges.add(new Range(from, to, effect));
    }
    return new Sections(ranges);
  }

  /** The section effect at character {@code offset}: HISTORICAL, FAMILY, UNCERTAIN or null. */
  public TriggerClass at(int offset) {
    for (Range r : ranges) {
      if (offset >= r.begin && offset < r.end) {
        return r.effect;
      }
    }
    return null;
  }
}
