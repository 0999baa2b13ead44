package dev.stratum.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code stratum} command in-process and captures stdout, stderr and the exit code. */
public record CliHarness(int exitCode, String out, String err) {

  public static CliHarness run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Stratum.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliHarness(code, out.toString(), err.toString());
  }

  /** stderr as a list of non-empty lines. */
  public java.util.List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank()).toList();
  }
}
