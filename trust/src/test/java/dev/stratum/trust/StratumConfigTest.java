package dev.stratum.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StratumConfigTest {
  @TempDir Path home;

  @Test
  void withoutAFileTheDefaultRoleSeesWhatTheStoreFilesShow() {
    StratumConfig c = StratumConfig.load(Map.of(), home);
    assertNull(c.source());
    // biostatistician: pseudonyms, the same view as reading the store's files (docs/privacy.md)
    assertEquals(Role.BIOSTATISTICIAN, c.defaultRole());
    assertEquals(home.resolve(".stratum/audit.jsonl"), c.auditLog());
    assertEquals("STRATUM_PSEUDONYM_KEY", c.pseudonymKeyEnv());
    assertEquals(0, c.revocations().size());
  }

  @Test
  void readsTheFileAndTheEnvironmentOverridesTheAuditLog() throws IOException {
    Path f = home.resolve("conf/stratum.properties");
    Files.createDirectories(f.getParent());
    Files.writeString(
        f,
        "role.default = biostatistician\naudit.log = logs/audit.jsonl\n"
            + "consent.revocations = revoked.csv\npseudonym.key.env = SITE_KEY\n"
            + "user.alice.role = recruiter\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        home.resolve("conf/revoked.csv"), "person_id,date\n17,2026-11-01\n# note\n42\n");
    StratumConfig c = StratumConfig.load(Map.of("STRATUM_CONFIG", f.toString()), home);
    assertEquals(Role.BIOSTATISTICIAN, c.defaultRole());
    assertEquals(home.resolve("conf/logs/audit.jsonl"), c.auditLog());
    assertEquals("SITE_KEY", c.pseudonymKeyEnv());
    assertEquals(Role.RECRUITER, c.roleOfUser("alice"));
    assertEquals(Role.BIOSTATISTICIAN, c.roleOfUser("bob"));
    assertTrue(c.revocations().revokes("17") && c.revocations().revokes("42"));
    StratumConfig env =
        StratumConfig.load(
            Map.of("STRATUM_CONFIG", f.toString(), "STRATUM_AUDIT_LOG", "/tmp/x.jsonl"), home);
    assertEquals(Path.of("/tmp/x.jsonl"), env.auditLog());
  }

  @Test
  void badValuesNameFileAndKey() throws IOException {
    Path f = home.resolve(".stratum/config.properties");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "role.default = admin\n", StandardCharsets.UTF_8);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> StratumConfig.load(Map.of(), home));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("'role.default'"), e.getMessage());
    assertTrue(e.getMessage().contains("counts-only"), e.getMessage());
    Files.writeString(f, "audit.logg = x\n", StandardCharsets.UTF_8);
    e = assertThrows(InvalidInputException.class, () -> StratumConfig.load(Map.of(), home));
    assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
    Files.writeString(f, "pseudonym.key.env = not a name\n", StandardCharsets.UTF_8);
    assertThrows(InvalidInputException.class, () -> StratumConfig.load(Map.of(), home));
    assertThrows(
        InvalidInputException.class,
        () -> StratumConfig.load(Map.of("STRATUM_CONFIG", "/nonexistent/c.properties"), home));
  }

  @Test
  void revocationListReportsBadLines() throws IOException {
    Path f = home.resolve("revoked.csv");
    Files.writeString(f, "12\n13,yesterday\n", StandardCharsets.UTF_8);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> RevocationList.read(f));
    assertEquals(f + ":2: field 'date': not a YYYY-MM-DD date: 'yesterday'", e.getMessage());
  }

  @Test
  void consentPolicy() {
    ConsentPolicy strict = ConsentPolicy.strict();
    assertTrue(strict.admits(true, false, ConsentPolicy.Purpose.RECRUITMENT));
    assertEquals(false, strict.admits(true, true, ConsentPolicy.Purpose.RECRUITMENT));
    assertEquals(false, strict.admits(false, false, ConsentPolicy.Purpose.STRATIFICATION));
    ConsentPolicy irb = ConsentPolicy.withApprovedProtocol("IRB-2026-17");
    assertTrue(irb.admits(false, false, ConsentPolicy.Purpose.STRATIFICATION));
    assertEquals(false, irb.admits(false, false, ConsentPolicy.Purpose.RECRUITMENT));
    assertTrue(irb.basis(ConsentPolicy.Purpose.STRATIFICATION).contains("IRB-2026-17"));
    assertEquals(Role.COUNTS_ONLY, Role.parse(" Counts-Only ", "--role"));
    assertThrows(InvalidInputException.class, () -> Role.parse("admin", "--role"));
  }
}
