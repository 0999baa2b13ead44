package dev.stratum.notebooks.paragraph;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.notebooks.commands.HelpCommand;
import dev.stratum.notebooks.commands.UnitsChartCommand;
import dev.stratum.notebooks.commands.UnitsConvertCommand;
import dev.stratum.notebooks.commands.UnitsListCommand;
import dev.stratum.notebooks.commands.VersionCommand;
import dev.stratum.notebooks.commands.biostat.ClustersCommand;
import dev.stratum.notebooks.commands.biostat.FreezeCommand;
import dev.stratum.notebooks.commands.biostat.GenerateCommand;
import dev.stratum.notebooks.commands.biostat.KmCommand;
import dev.stratum.notebooks.commands.biostat.StratifyCommand;
import dev.stratum.notebooks.commands.biostat.SurvivalCommand;
import dev.stratum.notebooks.commands.recruiter.CriteriaParseCommand;
import dev.stratum.notebooks.commands.recruiter.FunnelCommand;
import dev.stratum.notebooks.commands.recruiter.MatchCommand;
import dev.stratum.notebooks.commands.recruiter.NlpExtractCommand;
import dev.stratum.notebooks.commands.store.CohortSummaryCommand;
import dev.stratum.notebooks.commands.store.StoreCatalogCommand;
import dev.stratum.notebooks.commands.store.StoreOpenCommand;
import dev.stratum.notebooks.commands.store.StoreSnapshotsCommand;
import dev.stratum.notebooks.commands.trial.GsdCommand;
import dev.stratum.notebooks.commands.trial.SampleSizeMeansCommand;
import dev.stratum.notebooks.commands.trial.SampleSizeProportionsCommand;
import dev.stratum.notebooks.commands.trial.SampleSizeSurvivalCommand;
import dev.stratum.notebooks.commands.trial.SimulateCommand;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * The paragraph commands of the {@code %stratum} interpreter, looked up by their leading words the
 * way the CLI looks up subcommands: the longest registered name that the paragraph starts with
 * wins, so {@code units convert 1 mg/dL mg/L} runs {@code units convert}.
 */
public final class CommandRegistry {
  private final Map<String, ParagraphCommand> commands;

  private CommandRegistry(List<ParagraphCommand> commands) {
    Map<String, ParagraphCommand> byName = new LinkedHashMap<>();
    for (ParagraphCommand c : commands) {
      String name = c.syntax().name();
      if (byName.putIfAbsent(name, c) != null) {
        throw new IllegalArgumentException("two paragraph commands are named '" + name + "'");
      }
    }
    for (String name : byName.keySet()) {
      // A command name may not be a word-prefix of another: "units" beside "units convert" would
      // make "units convert" ambiguous to read.
      for (String other : byName.keySet()) {
        if (!other.equals(name) && other.startsWith(name + " ")) {
          throw new IllegalArgumentException(
              "command '" + name + "' is a prefix of command '" + other + "'");
        }
      }
    }
    this.commands = Collections.unmodifiableMap(byName);
  }

  /** A registry of exactly these commands. */
  public static CommandRegistry of(List<ParagraphCommand> commands) {
    return new CommandRegistry(commands);
  }

  /**
   * The commands every {@code %stratum} interpreter offers. Adding a module's command to notebooks
   * is one line here (see docs/notebooks.md).
   */
  public static CommandRegistry standard() {
    return of(
        List.of(
            new HelpCommand(),
            new VersionCommand(),
            new UnitsConvertCommand(),
            new UnitsListCommand(),
            new UnitsChartCommand(),
            new SampleSizeMeansCommand(),
            new SampleSizeProportionsCommand(),
            new SampleSizeSurvivalCommand(),
            new GsdCommand(),
            new SimulateCommand(),
            new GenerateCommand(),
            new SurvivalCommand(),
            new StratifyCommand(),
            new ClustersCommand(),
            new KmCommand(),
            new FreezeCommand(),
            new CriteriaParseCommand(),
            new NlpExtractCommand(),
            new StoreOpenCommand(),
            new StoreSnapshotsCommand(),
            new StoreCatalogCommand(),
            new CohortSummaryCommand(),
            new MatchCommand(),
            new FunnelCommand()));
  }

  /** The commands in registration order. */
  public List<ParagraphCommand> commands() {
    return List.copyOf(commands.values());
  }

  /**
   * Runs the command that {@code words} name.
   *
   * @throws InvalidInputException for an unknown command or bad arguments; the message lists what
   *     exists
   */
  public ParagraphOutput run(
      List<String> words,
      Forms forms,
      Session session,
      NotebookSettings settings,
      IntConsumer progress,
      BooleanSupplier cancelled) {
    ParagraphCommand command = resolve(words);
    Syntax syntax = command.syntax();
    Arguments arguments =
        Arguments.parse(syntax, words.subList(syntax.words().size(), words.size()));
    return command.run(
        new Invocation(syntax, arguments, forms, session, settings, this, progress, cancelled));
  }

  /** The command that {@code words} name. */
  public ParagraphCommand resolve(List<String> words) {
    if (words.isEmpty()) {
      throw InvalidInputException.ofArgument("paragraph", "empty; type help for the commands");
    }
    ParagraphCommand best = null;
    for (ParagraphCommand c : commands.values()) {
      List<String> w = c.syntax().words();
      if (words.size() >= w.size()
          && words.subList(0, w.size()).equals(w)
          && (best == null || w.size() > best.syntax().words().size())) {
        best = c;
      }
    }
    if (best != null) {
      return best;
    }
    // "units" alone or "units frobnicate": name the subcommands of that family.
    TreeSet<String> family = new TreeSet<>();
    for (String name : commands.keySet()) {
      List<String> w = List.of(name.split(" "));
      if (w.size() > 1 && w.get(0).equals(words.get(0))) {
        family.add(w.get(1));
      }
    }
    if (!family.isEmpty()) {
      String got = words.size() > 1 ? "'" + words.get(1) + "'" : "nothing";
      throw InvalidInputException.ofArgument(
          words.get(0), "expected one of " + String.join(", ", family) + " after it, got " + got);
    }
    List<String> names = new ArrayList<>(new TreeSet<>(commands.keySet()));
    throw InvalidInputException.ofArgument(
        words.get(0), "unknown command; the commands are: " + String.join(", ", names));
  }
}
