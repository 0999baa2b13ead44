package dev.stratum.notebooks.paragraph;

import dev.stratum.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words after a command's name, sorted into positional arguments, options and flags according
 * to the command's {@link Syntax}. Every accessor that converts a value reports a bad value as an
 * {@link InvalidInputException} naming the option, what it accepts and what it received, which the
 * interpreter shows as the paragraph's one-line error.
 */
public final class Arguments {
  private final String command;
  private final List<String> positionals;
  private final Map<String, List<String>> options;
  private final Set<String> flags;

  private Arguments(
      String command,
      List<String> positionals,
      Map<String, List<String>> options,
      Set<String> flags) {
    this.command = command;
    this.positionals = List.copyOf(positionals);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    options.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.options = Map.copyOf(copy);
    this.flags = Set.copyOf(flags);
  }

  /**
   * Sorts {@code words} by {@code syntax}; a word {@code --} ends the options (every later word is
   * positional, so values may start with {@code --}).
   *
   * @throws InvalidInputException for an unknown option, a flag given a value, or an option without
   *     one
   */
  public static Arguments parse(Syntax syntax, List<String> words) {
    List<String> positionals = new ArrayList<>();
    Map<String, List<String>> options = new LinkedHashMap<>();
    Set<String> flags = new TreeSet<>();
    boolean onlyPositionals = false;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (onlyPositionals || !w.startsWith("--") || w.length() == 2 && !w.equals("--")) {
        positionals.add(w);
        continue;
      }
      if (w.equals("--")) {
        onlyPositionals = true;
        continue;
      }
      String name = w.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (syntax.flags().contains(name)) {
        if (value != null) {
          throw InvalidInputException.ofArgument("--" + name, "is a flag and takes no value");
        }
        flags.add(name);
      } else if (syntax.options().contains(name)) {
        if (value == null) {
          if (i + 1 >= words.size()) {
            throw InvalidInputException.ofArgument("--" + name, "needs a value");
          }
          value = words.get(++i);
        }
        options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        TreeSet<String> known = new TreeSet<>();
        syntax.options().forEach(o -> known.add("--" + o));
        syntax.flags().forEach(f -> known.add("--" + f));
        throw InvalidInputException.ofArgument(
            "--" + name,
            "unknown option for '"
                + syntax.name()
                + "'"
                + (known.isEmpty()
                    ? " (it takes none)"
                    : " (known: " + String.join(", ", known) + ")"));
      }
    }
    return new Arguments(syntax.name(), positionals, options, flags);
  }

  /** The positional arguments, in order. */
  public List<String> positionals() {
    return positionals;
  }

  /**
   * Checks the number of positional arguments.
   *
   * @throws InvalidInputException naming the usage when there are fewer than {@code min} or more
   *     than {@code max}
   */
  public Arguments expectPositionals(int min, int max, String usage) {
    if (positionals.size() < min || positionals.size() > max) {
      throw InvalidInputException.ofArgument(
          command,
          "expected "
              + (min == max ? String.valueOf(min) : min + " to " + max)
              + " argument(s), got "
              + positionals.size()
              + "; usage: "
              + usage);
    }
    return this;
  }

  /** The {@code index}th positional argument (0-based), which must exist. */
  public String positional(int index) {
    if (index >= positionals.size()) {
      throw InvalidInputException.ofArgument(command, "missing argument " + (index + 1));
    }
    return positionals.get(index);
  }

  /** The {@code index}th positional argument as a finite number. */
  public double positionalNumber(int index, String what) {
    return number(what, positional(index));
  }

  /** The value of option {@code name} (the last one when given several times). */
  public Optional<String> option(String name) {
    List<String> v = options.get(name);
    return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  /** Every value of a repeatable option, in order. */
  public List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  /** The value of a required option. */
  public String required(String name) {
    return option(name)
        .orElseThrow(() -> InvalidInputException.ofArgument("--" + name, "is required"));
  }

  /** Option {@code name} as a finite number, or {@code fallback} when absent. */
  public double number(String name, double fallback) {
    return option(name).map(v -> number("--" + name, v)).orElse(fallback);
  }

  /** Option {@code name} as an integer in [min, max], or {@code fallback} when absent. */
  public int integer(String name, int fallback, int min, int max) {
    Optional<String> v = option(name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      int x = Integer.parseInt(v.get().strip());
      if (x < min || x > max) {
        throw InvalidInputException.ofArgument(
            "--" + name, "must be in [" + min + ", " + max + "], got " + x);
      }
      return x;
    } catch (NumberFormatException e) {
      throw InvalidInputException.ofArgument(
          "--" + name, "expected an integer, got '" + v.get() + "'");
    }
  }

  /** Whether flag {@code name} was given. */
  public boolean flag(String name) {
    return flags.contains(name);
  }

  private static double number(String what, String text) {
    try {
      double x = Double.parseDouble(text.strip());
      if (!Double.isFinite(x)) {
        throw InvalidInputException.ofArgument(
            what, "expected a finite number, got '" + text + "'");
      }
      return x;
    } catch (NumberFormatException e) {
      throw InvalidInputException.ofArgument(what, "expected a number, got '" + text + "'");
    }
  }
}
