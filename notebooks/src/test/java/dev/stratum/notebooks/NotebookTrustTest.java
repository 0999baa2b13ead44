package dev.stratum.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.trust.AuditLog;
import dev.stratum.trust.Role;
import dev.stratum.trust.StratumConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.user.AuthenticationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Zeppelin user's role, from the Stratum configuration, decides what a paragraph may do. */
class NotebookTrustTest {
  @TempDir Path dir;

  StratumInterpreter interpreter(Properties p, StratumConfig config) {
    return new StratumInterpreter(p) {
      @Override
      protected StratumConfig config() {
        return config;
      }
    };
  }

  static InterpreterContext as(String user) {
    return InterpreterContext.builder()
        .setParagraphId("p1")
        .setAuthenticationInfo(new AuthenticationInfo(user))
        .build();
  }

  @Test
  void userRolesComeFromConfigurationAndAreEnforcedAndAudited() throws Exception {
    Path conf = dir.resolve("c.properties");
    Files.writeString(
        conf,
        "role.default = counts-only\nuser.alice.role = biostatistician\n",
        StandardCharsets.UTF_8);
    Path audit = dir.resolve("audit.jsonl");
    StratumConfig config =
        StratumConfig.load(
            Map.of("STRATUM_CONFIG", conf.toString(), "STRATUM_AUDIT_LOG", audit.toString()), dir);
    assertEquals(Role.BIOSTATISTICIAN, NotebookTrust.role("alice", new Properties(), config));
    assertEquals(Role.COUNTS_ONLY, NotebookTrust.role("bob", new Properties(), config));
    // the interpreter setting does not lift a configured user's role
    assertEquals(
        Role.BIOSTATISTICIAN, NotebookTrust.role("alice", TestRoles.role("recruiter"), config));

    StratumInterpreter i = interpreter(new Properties(), config);
    i.open();
    InterpreterResult bob = i.interpret("survival --raw " + dir + " --out x.csv", as("bob"));
    assertEquals(InterpreterResult.Code.ERROR, bob.code());
    assertTrue(bob.message().get(0).getData().contains("counts-only"), bob.toString());
    // pasted text is not patient data: counts-only may extract from it
    InterpreterResult text = i.interpret("nlp extract --text 'No fever.'", as("bob"));
    assertEquals(InterpreterResult.Code.SUCCESS, text.code(), text.toString());
    // alice may; the paragraph fails on the empty folder, but it was admitted and audited
    InterpreterResult alice = i.interpret("survival --raw " + dir + " --out x.csv", as("alice"));
    assertTrue(!alice.message().isEmpty());
    String log = Files.readString(audit, StandardCharsets.UTF_8);
    assertTrue(log.contains("\"user\":\"alice\"") && log.contains("\"role\":\"biostatistician\""));
    assertTrue(!log.contains("\"user\":\"bob\""), "refused paragraphs show nothing to audit");
    assertTrue(AuditLog.verify(audit).intact());
  }

  @Test
  void matchIsAdmittedForCountsOnlyAndAudited() throws Exception {
    Path conf = dir.resolve("c.properties");
    Files.writeString(conf, "role.default = counts-only\n", StandardCharsets.UTF_8);
    Path audit = dir.resolve("audit.jsonl");
    StratumConfig config =
        StratumConfig.load(
            Map.of("STRATUM_CONFIG", conf.toString(), "STRATUM_AUDIT_LOG", audit.toString()), dir);
    StratumInterpreter i = interpreter(new Properties(), config);
    i.open();
    Path demo = DemoStore.get();
    InterpreterResult r =
        i.interpret(
            "match --index "
                + demo.resolve("index")
                + " --trial "
                + demo.resolve("raw/trials/NCT90000101.json"),
            as("carol"));
    assertEquals(InterpreterResult.Code.SUCCESS, r.code(), r.toString());
    for (var m : r.message()) {
      assertTrue(!m.getData().startsWith("rank\tperson_id"), "patient rows for counts-only");
    }
    String log = Files.readString(audit, StandardCharsets.UTF_8);
    assertTrue(
        log.contains("\"user\":\"carol\"")
            && log.contains("\"role\":\"counts-only\"")
            && log.contains("notebook match"),
        log);
    assertTrue(AuditLog.verify(audit).intact());
  }
}
