package dev.stratum.notebooks.commands.recruiter;

import dev.stratum.notebooks.commands.store.StoreArgs;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code match}: the CLI's {@code stratum match} over a patient index ({@code dev.stratum.matching
 * .Matcher}): counts per status, the screening funnel (table and SVG chart), and the ranked
 * patients with every criterion's result and evidence, as the paragraph's role may see them.
 */
public final class MatchCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "match",
              "[--index DIR] [--trial FILE | --criteria FILE | --text TEXT] [--as-of D] [--limit"
                  + " N] [--query LUCENE]",
              "eligible patients with per-criterion evidence and the screening funnel (text box"
                  + " for the criteria when none given)")
          .withOptions(MatchArgs.OPTIONS);

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    MatchView v = MatchView.of(MatchArgs.run(in, a, 20), StoreArgs.role(in));
    in.session().put(MatchView.LAST, v);
    List<Display> out = new ArrayList<>();
    out.add(v.countsTable());
    out.add(v.funnelTable());
    out.add(v.funnelChart());
    if (!v.suppressed()) {
      out.add(v.patientsTable());
    }
    out.add(v.summary());
    return new ParagraphOutput(out);
  }
}
