package dev.stratum.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --role} option of every command that reads patient data (CLI.md): recruiter,
 * biostatistician or counts-only; the default comes from configuration ({@code role.default},
 * docs/privacy.md), itself {@code biostatistician} when nothing is configured: pseudonymized
 * patient-level data, what anyone who can read the store's files already sees; counts-only and
 * recruiter need a deployment's configuration or {@code --role}.
 */
public final class RoleOption {
  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description =
          "recruiter (source ids), biostatistician (pseudonyms) or counts-only (aggregate counts,"
              + " <11 suppressed); default: role.default of the configuration, else"
              + " biostatistician (what the store files show anyone who can read them).")
  String role;

  @Option(
      names = "--approved-protocol",
      paramLabel = "ID",
      description =
          "An approved protocol (e.g. an IRB number) under which patients without research"
              + " consent may be included in analyses; recorded in the output and the audit log.")
  String approvedProtocol;
}
