package dev.stratum.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

  static final dev.stratum.jobs.Pseudonymizer DEMO_KEY =
      dev.stratum.jobs.Pseudonymizer.ofHex("5a".repeat(32));

  /** alice recruiter, bob biostatistician, everyone else counts-only. */
  StratumInterpreter roles(Path audit) throws Exception {
    Path conf = dir.resolve("roles.properties");
    Files.writeString(
        conf,
        "role.default = counts-only\nuser.alice.role = recruiter\nuser.bob.role = biostatistician\n",
        StandardCharsets.UTF_8);
    StratumConfig config =
        StratumConfig.load(
            Map.of("STRATUM_CONFIG", conf.toString(), "STRATUM_AUDIT_LOG", audit.toString()), dir);
    StratumInterpreter i = interpreter(new Properties(), config);
    i.open();
    return i;
  }

  static java.util.List<java.util.List<String>> table(InterpreterResult r, String firstColumn) {
    for (var m : r.message()) {
      if (m.getType() == InterpreterResult.Type.TABLE
          && m.getData().startsWith(firstColumn + "\t")) {
        return m.getData().lines().map(l -> java.util.List.of(l.split("\t", -1))).toList();
      }
    }
    throw new AssertionError("no table starting with " + firstColumn + " in " + r);
  }

  static java.util.List<String> personIds(InterpreterResult r) {
    return table(r, "rank").stream().skip(1).map(row -> row.get(1)).distinct().toList();
  }

  @Test
  void recruiterMatchShowsSourceIdsThroughTheMapAndAuditsTheReidentification() throws Exception {
    Path audit = dir.resolve("audit.jsonl");
    StratumInterpreter i = roles(audit);
    Path demo = DemoStore.get();
    String match =
        "match --index "
            + demo.resolve("index")
            + " --trial "
            + demo.resolve("raw/trials/NCT90000101.json")
            + " --limit 5";
    java.util.Set<String> sources = new java.util.HashSet<>();
    Files.readAllLines(demo.resolve("raw/omop/person.csv"), StandardCharsets.UTF_8).stream()
        .skip(1)
        .forEach(l -> sources.add(l.split(",", -1)[0]));

    InterpreterResult rec = i.interpret(match, as("alice"));
    assertEquals(InterpreterResult.Code.SUCCESS, rec.code(), rec.toString());
    java.util.List<String> ids = personIds(rec);
    assertEquals(5, ids.size(), ids.toString());
    assertTrue(sources.containsAll(ids), "source person ids: " + ids);
    assertTrue(
        rec.message().get(rec.message().size() - 1).getData().contains("source person ids"),
        rec.toString());
    java.util.List<String> log = Files.readAllLines(audit, StandardCharsets.UTF_8);
    String reid = log.stream().filter(l -> l.contains("\"reidentify\"")).findFirst().orElseThrow();
    assertTrue(reid.contains("\"user\":\"alice\"") && reid.contains("\"role\":\"recruiter\""));
    for (String id : ids) {
      assertTrue(reid.contains(DEMO_KEY.pseudonym(id)), "the audit names pseudonyms: " + reid);
      assertTrue(!reid.contains("\"" + id + "\""), "never the source id: " + reid);
    }

    // the biostatistician sees the same patients under their pseudonyms, nothing re-identified
    InterpreterResult bio = i.interpret(match, as("bob"));
    assertEquals(ids.stream().map(DEMO_KEY::pseudonym).toList(), personIds(bio));
    assertEquals(
        1, Files.readAllLines(audit).stream().filter(l -> l.contains("\"reidentify\"")).count());

    // counts-only: counts, no patients
    InterpreterResult carol = i.interpret(match, as("carol"));
    assertEquals(InterpreterResult.Code.SUCCESS, carol.code(), carol.toString());
    assertThrows(AssertionError.class, () -> table(carol, "rank"));

    // a recruiter whose map cannot be read (here: a store without one) sees pseudonyms and a notice
    InterpreterResult noMap =
        i.interpret(match + " --store " + dir.resolve("no-store"), as("alice"));
    assertEquals(InterpreterResult.Code.SUCCESS, noMap.code(), noMap.toString());
    assertTrue(noMap.message().get(0).getData().contains("not readable"), noMap.toString());
    assertEquals(personIds(bio), personIds(noMap));
    assertEquals(
        1, Files.readAllLines(audit).stream().filter(l -> l.contains("\"reidentify\"")).count());
    assertTrue(AuditLog.verify(audit).intact());
  }

  @Test
  void representativenessIsATableWithFlagsAndSuppressedForCountsOnly() throws Exception {
    Path audit = dir.resolve("audit.jsonl");
    StratumInterpreter i = roles(audit);
    Path demo = DemoStore.get();
    String match =
        "match --index "
            + demo.resolve("index")
            // the demo's trials have pools of 0 or 1; this one has 11 of 58 (the shipped note's)
            + " --text 'Inclusion Criteria:\n- Breast cancer\n- Adults aged 18 to 64 years'"
            + " --limit 3 --representativeness";
    InterpreterResult bio = i.interpret(match, as("bob"));
    assertEquals(InterpreterResult.Code.SUCCESS, bio.code(), bio.toString());
    java.util.List<java.util.List<String>> t = table(bio, "dimension");
    assertEquals(
        java.util.List.of(
            "dimension",
            "group",
            "pool_count",
            "pool_share",
            "reference_share",
            "ratio",
            "lower",
            "upper",
            "flag"),
        t.get(0));
    long eligible = Long.parseLong(table(bio, "status").get(1).get(1));
    assertTrue(eligible > 3, "a pool larger than the 3 patients listed: " + eligible);
    // every dimension partitions the whole eligible pool, not only the 3 patients listed
    Map<String, Long> perDimension = new java.util.TreeMap<>();
    for (var row : t.subList(1, t.size())) {
      perDimension.merge(row.get(0), Long.parseLong(row.get(2)), Long::sum);
      assertTrue(
          java.util.Set.of("UNDER-REPRESENTED", "adequate", "over").contains(row.get(8)),
          row.toString());
      if (row.get(8).equals("UNDER-REPRESENTED") && !row.get(5).isEmpty()) {
        assertTrue(Double.parseDouble(row.get(5)) < 0.8, row.toString());
      }
    }
    assertEquals(java.util.Set.of("age_group", "ethnicity", "race", "sex"), perDimension.keySet());
    perDimension.values().forEach(v -> assertEquals(eligible, v, perDimension.toString()));
    String summary = bio.message().get(bio.message().size() - 1).getData();
    assertTrue(summary.contains("under-represented below 0.8"), summary);
    // the pool is 18 to 64 by construction: the reference's older patients make 65+
    // under-represented
    // (when the demo cohort has breast-cancer patients that old)
    for (var row : t.subList(1, t.size())) {
      if (row.get(0).equals("age_group")
          && (row.get(1).equals("65-74") || row.get(1).equals("75+"))) {
        assertEquals("0", row.get(2), row.toString());
        assertEquals("UNDER-REPRESENTED", row.get(8), row.toString());
      }
    }

    // counts-only: pool counts below 11 hidden with what would give them back; no reference size
    InterpreterResult carol = i.interpret(match, as("carol"));
    assertEquals(InterpreterResult.Code.SUCCESS, carol.code(), carol.toString());
    java.util.List<java.util.List<String>> c = table(carol, "dimension");
    for (var row : c.subList(1, c.size())) {
      String v = row.get(2);
      boolean shown = !v.equals("<11") && !v.equals("suppressed");
      assertTrue(!shown || Long.parseLong(v) >= 11, row.toString());
      if (!shown) {
        assertEquals(
            java.util.List.of("", "", "", ""),
            java.util.List.of(row.get(3), row.get(5), row.get(6), row.get(7)),
            row.toString());
      }
    }
    String cs = carol.message().get(carol.message().size() - 1).getData();
    assertTrue(!cs.matches(".*\\(\\d+ patients\\).*"), "no reference size for counts-only: " + cs);
  }

  @Test
  void revokedPatientsAreLeftOutOfNotebookMatches() throws Exception {
    Path audit = dir.resolve("audit.jsonl");
    StratumInterpreter i = roles(audit);
    Path demo = DemoStore.get();
    String match =
        "match --index "
            + demo.resolve("index")
            + " --trial "
            + demo.resolve("raw/trials/NCT90000101.json")
            + " --limit 100";
    InterpreterResult before = i.interpret(match, as("alice"));
    java.util.List<String> ids = personIds(before);
    long total = Long.parseLong(table(before, "step").get(1).get(2));
    // revoke the consent of the best-ranked patient (the list holds source ids)
    Path conf = dir.resolve("revoking.properties");
    Files.writeString(dir.resolve("revoked.csv"), "person_id\n" + ids.get(0) + "\n");
    Files.writeString(
        conf,
        "role.default = counts-only\nuser.alice.role = recruiter\nconsent.revocations ="
            + " revoked.csv\n",
        StandardCharsets.UTF_8);
    StratumConfig config =
        StratumConfig.load(
            Map.of("STRATUM_CONFIG", conf.toString(), "STRATUM_AUDIT_LOG", audit.toString()), dir);
    StratumInterpreter j = interpreter(new Properties(), config);
    j.open();
    InterpreterResult after = j.interpret(match, as("alice"));
    assertEquals(InterpreterResult.Code.SUCCESS, after.code(), after.toString());
    assertTrue(!personIds(after).contains(ids.get(0)), personIds(after).toString());
    assertEquals(total - 1, Long.parseLong(table(after, "step").get(1).get(2)));
  }
}
