package dev.stratum.notebooks.commands.recruiter;

import dev.stratum.notebooks.commands.store.StoreArgs;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;

/**
 * {@code funnel}: the screening funnel of the session's last {@code match} (no arguments), or of
 * the criteria given as {@code match} takes them: table {@code step, criterion, remaining, text}
 * and the funnel as an SVG bar chart, suppressed with the status counts for counts-only.
 */
public final class FunnelCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "funnel",
              "[--index DIR] [--trial FILE | --criteria FILE | --text TEXT] [--as-of D]",
              "the screening funnel of the last match, or of the criteria given")
          .withOptions(MatchArgs.OPTIONS);

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    boolean criteriaGiven =
        a.option("trial").isPresent()
            || a.option("criteria").isPresent()
            || a.option("text").isPresent();
    MatchView v;
    if (criteriaGiven) {
      v = MatchView.of(MatchArgs.run(in, a, 0), StoreArgs.role(in));
    } else {
      v = in.session().get(MatchView.LAST).orElseThrow(MatchView::noMatch);
    }
    return ParagraphOutput.of(v.funnelTable(), v.funnelChart(), v.countsTable());
  }
}
