package dev.stratum.notebooks.paragraph;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a paragraph command looks like to its user: its name (one or more words, as in the CLI:
 * {@code sample-size means}), the arguments after it, a one-line summary, and the options it
 * accepts. Options are written {@code --name value} or {@code --name=value}; flags are written
 * {@code --name} alone. Anything else is a positional argument.
 *
 * @param name the command words separated by single blanks, e.g. {@code units convert}
 * @param arguments the usage after the name, e.g. {@code VALUE FROM TO [--digits N]}
 * @param summary one line saying what the command shows
 * @param options names (without {@code --}) of the options that take a value
 * @param flags names (without {@code --}) of the options that take no value
 */
public record Syntax(
    String name, String arguments, String summary, Set<String> options, Set<String> flags) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)*");
  private static final Pattern OPTION = Pattern.compile("[a-z][a-z0-9-]*");

  public Syntax {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "command name must be lower-case words separated by single blanks, got '" + name + "'");
    }
    options = Set.copyOf(options);
    flags = Set.copyOf(flags);
    for (String o : options) {
      if (!OPTION.matcher(o).matches() || flags.contains(o)) {
        throw new IllegalArgumentException("bad or duplicate option name '" + o + "' in " + name);
      }
    }
    for (String f : flags) {
      if (!OPTION.matcher(f).matches()) {
        throw new IllegalArgumentException("bad flag name '" + f + "' in " + name);
      }
    }
  }

  /** A syntax without options. */
  public static Syntax of(String name, String arguments, String summary) {
    return new Syntax(name, arguments, summary, Set.of(), Set.of());
  }

  /** This syntax with these value-taking options. */
  public Syntax withOptions(String... names) {
    return new Syntax(name, arguments, summary, Set.of(names), flags);
  }

  /** This syntax with these flags. */
  public Syntax withFlags(String... names) {
    return new Syntax(name, arguments, summary, options, Set.of(names));
  }

  /** The command words. */
  public List<String> words() {
    return List.of(name.split(" "));
  }

  /** The full usage line, e.g. {@code units convert VALUE FROM TO}. */
  public String usage() {
    return arguments.isBlank() ? name : name + " " + arguments;
  }
}
