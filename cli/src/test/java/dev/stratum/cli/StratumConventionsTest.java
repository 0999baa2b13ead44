package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The conventions CLI.md sets for every subcommand: exit codes, stdout vs stderr, help. */
class StratumConventionsTest {

  @Test
  void versionGoesToStdoutAndExitsZero() {
    CliHarness r = CliHarness.run("--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().startsWith("stratum "), r.out());
    assertTrue(r.err().isEmpty(), r.err());
  }

  @Test
  void unknownOptionIsBadUsageWithOneLineReason() {
    CliHarness r = CliHarness.run("--no-such-flag");
    assertEquals(Stratum.BAD_INPUT, r.exitCode());
    assertTrue(
        r.errLines().get(0).startsWith("stratum: Unknown option: '--no-such-flag'"), r.err());
    assertTrue(r.out().isEmpty());
  }

  @Test
  void unknownSubcommandIsBadUsage() {
    assertEquals(Stratum.BAD_INPUT, CliHarness.run("frobnicate").exitCode());
  }

  @Test
  void helpListsEverySubcommandAndEachHasHelp() {
    CliHarness r = CliHarness.run("--help");
    assertEquals(0, r.exitCode());
    for (String name : Stratum.commandLine().getSubcommands().keySet()) {
      assertTrue(r.out().contains(name), name + " missing from --help");
      CliHarness sub = CliHarness.run(name, "--help");
      assertEquals(0, sub.exitCode(), name + " --help");
      assertTrue(sub.out().contains("Usage: stratum " + name), sub.out());
    }
  }
}
