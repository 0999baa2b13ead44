package dev.stratum.notebooks.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.notebooks.DemoStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-server test: a real Apache Zeppelin 0.10.0 server (zeppelin-server from Maven Central,
 * in its own JVM, on 127.0.0.1), with the %stratum interpreter installed by {@link
 * ZeppelinInstaller}; every shipped notebook is imported through the REST API and every paragraph
 * is run and must FINISH with the expected kind of output.
 */
@Timeout(value = 170)
class ZeppelinServerIT {
  @TempDir static Path tmp;
  private static ZeppelinServer server;
  private static ZeppelinRest rest;

  /** A private copy of the demo output: the biostatistician note writes strata into its store. */
  private static Path demo;

  @BeforeAll
  static void start() {
    demo = DemoStore.copy(tmp.resolve("demo-out"));
    server =
        ZeppelinServer.start(
            new ZeppelinServer.Options(
                tmp.resolve("zeppelin-home"),
                ZeppelinServer.defaultRuntime(),
                0,
                Duration.ofSeconds(120)));
    rest = new ZeppelinRest(server.baseUri());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      ProcessHandle p = server.process();
      List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
      family.add(p);
      server.close();
      for (ProcessHandle h : family) {
        assertFalse(h.isAlive(), "still running after close: " + h.pid() + " " + h.info());
      }
    }
  }

  private static final String GSD_HEADER =
      "look\ttiming\tupper_z\tlower_z\tnominal_p\tcumulative_alpha\tcumulative_power";
  private static final String SIM_HEADER = "quantity\testimate\tmc_se";
  private static final String STRATIFY =
      "stratify --omics expression=/tmp/stratum-biostatistician/raw/omics/expression.tsv\n"
          + "  --omics protein=/tmp/stratum-biostatistician/raw/omics/protein.tsv\n"
          + "  --omics methylation=/tmp/stratum-biostatistician/raw/omics/methylation.tsv\n"
          + "  --survival /tmp/stratum-biostatistician/survival.csv --k ${k=auto} --seed 7 --out"
          + " /tmp/stratum-biostatistician/strata";
  private static final String STORE_STRATIFY =
      "stratify --store demo-out/store --k 4 --seed 7 --out"
          + " /tmp/stratum-biostatistician/store-strata\n  --write-back";
  private static final String CLUSTERS_HEADER =
      "cluster\tsize\tshare\tjaccard\ttop_feature\teffect_size";
  private static final String CRITERIA_HEADER =
      "id\tkind\ttype\tconcept\tcode\tnegated\toperator\tvalue\tvalue2\tunit\twindow\ttext";
  private static final String FACTS_HEADER =
      "note_id\tperson_id\tcategory\tconcept\tcode\tvalue\tunit\tvalue_text\tdate\tnegated"
          + "\tuncertain\thistorical\texperiencer\tbegin\tend\ttext";

  /** What a paragraph of a shipped note must show, keyed by the command it runs. */
  private static final Map<String, Consumer<JsonNode>> EXPECTED =
      Map.ofEntries(
          Map.entry(
              "version",
              msg -> {
                assertKind("TEXT", msg);
                // The interpreter runs on the server's own interpreter runtime: 0.10.0, not the
                // 0.11.1 API it was compiled against.
                assertTrue(
                    msg.path("data").asText().contains("zeppelin-interpreter 0.10.0"),
                    msg.toString());
              }),
          Map.entry("help", msg -> assertTable(msg, "command\tusage\toptions\tshows", null)),
          Map.entry(
              "units convert 1.5 mg/dL mg/L",
              msg ->
                  assertTable(
                      msg, "value\tunit\tconverted\tconverted_unit", "1.5\tmg/dL\t15\tmg/L")),
          // Zeppelin substituted the template forms' defaults: 5.5 mmol/L = 5500 umol/L.
          Map.entry(
              "units convert ${value=5.5} ${from=mmol/L,mmol/L|umol/L|nmol/L|mol/L} umol/L",
              msg ->
                  assertTable(
                      msg, "value\tunit\tconverted\tconverted_unit", "5.5\tmmol/L\t5500\tumol/L")),
          // The command's own forms at their defaults: 1 mg/dL = 10 mg/L.
          Map.entry(
              "units convert",
              msg ->
                  assertTable(msg, "value\tunit\tconverted\tconverted_unit", "1\tmg/dL\t10\tmg/L")),
          Map.entry(
              "units list --like mg/dL", msg -> assertTable(msg, "unit\tper_1_mg/dL", "mg/L\t10")),
          Map.entry("units chart 1.5 mg/dL", ZeppelinServerIT::assertSvg),
          // Trial designer. Schoenfeld (1983) events 4 (z_0.975 + z_0.9)^2 / log(0.7)^2 = 330.378
          // (the formula of case S01 in shared/data/reference/sample_size_reference.csv).
          Map.entry(
              "sample-size survival --hr ${hr=0.7} --power ${power=0.9} --alpha 0.025 --sided 1",
              msg -> assertTable(msg, "quantity\tvalue", "events\t330.378")),
          Map.entry(
              "sample-size survival --hr 0.7 --power 0.9 --alpha 0.025 --sided 1 --method"
                  + " lachin-foulkes\n  --median-control 12 --accrual-time 24 --follow-up 12",
              msg -> assertTable(msg, "quantity\tvalue", "method\tlachin-foulkes")),
          // R: power.t.test(delta=0.5, sd=1, power=0.8) n = 63.76576 (reference case T01)
          Map.entry(
              "sample-size means --delta ${delta=0.5} --sd ${sd=1} --power 0.8",
              msg -> assertTable(msg, "quantity\tvalue", "n_per_group\t63.7658")),
          // R: power.prop.test(p1=0.5, p2=0.75, power=0.9) n = 76.70693 (reference case P01)
          Map.entry(
              "sample-size proportions --p1 0.5 --p2 0.75 --power 0.9",
              msg -> assertTable(msg, "quantity\tvalue", "n_per_group\t76.7069")),
          // gsDesign(k=3, sfu=sfLDOF, alpha=0.025, beta=0.1): last upper bound 1.993047522
          // (reference case G01), all alpha spent at the last look, power 0.9 by construction.
          Map.entry(
              "gsd --looks ${looks=3} --upper ${upper=ldof,ldof|ldpocock|of|pocock|hsd:-4} --beta"
                  + " 0.1",
              msg -> assertTable(msg, GSD_HEADER, "3\t1\t1.993\t\t0.0231281\t0.025\t0.9")),
          Map.entry(
              "gsd --looks 3 --lower ldof --beta 0.1", msg -> assertTable(msg, GSD_HEADER, null)),
          Map.entry(
              "simulate --design docs/designs/gs-survival-3look.json --reps ${reps=2000} --seed 7",
              msg -> assertFirstCell(msg, SIM_HEADER, "power")),
          Map.entry(
              "simulate --design docs/designs/gs-survival-3look.json --reps 2000 --seed 7 --null",
              msg -> assertFirstCell(msg, SIM_HEADER, "type I error")),
          Map.entry(
              "simulate --design docs/designs/enrichment-2strata.json --reps 1000 --seed 7",
              msg -> assertFirstCell(msg, SIM_HEADER, "power")),
          Map.entry(
              "simulate --design docs/designs/enrichment-2strata.json --reps 2000 --seed 7 --null",
              msg -> assertFirstCell(msg, SIM_HEADER, "type I error")),
          Map.entry(
              "simulate --design docs/designs/gs-survival-3look.json --reps 1000 --seed 11"
                  + " --power-curve --curve-points 7",
              msg -> assertFirstCell(msg, SIM_HEADER, "power")),
          // Recruiter: the criteria and facts written in the pasted text.
          Map.entry(
              "criteria parse --text '\nInclusion Criteria:\n- Adults aged 18 to 75 years\n- Type 2"
                  + " diabetes with HbA1c between 7.0% and 10.5%\n- eGFR >= 45"
                  + " mL/min/1.73m2\nExclusion Criteria:\n- Pregnant or breastfeeding women\n-"
                  + " History of pancreatitis\n- Myocardial infarction within 6 months\n'",
              msg -> assertFirstCell(msg, CRITERIA_HEADER, "I1")),
          Map.entry("criteria parse", msg -> assertFirstCell(msg, CRITERIA_HEADER, "I1")),
          Map.entry(
              "nlp extract --text '\n62 year old woman with type 2 diabetes on metformin. HbA1c 8.1%"
                  + " in March.\nDenies chest pain. No history of pancreatitis. Mother had breast"
                  + " cancer.\nPossible pneumonia on chest x-ray.\n'",
              msg -> assertFirstCell(msg, FACTS_HEADER, "pasted")),
          Map.entry("nlp extract", msg -> assertFirstCell(msg, FACTS_HEADER, "pasted")),
          // Biostatistician: data made by the note itself, then the session's stratification.
          Map.entry(
              "generate --patients 300 --seed 7 --out /tmp/stratum-biostatistician/raw",
              msg -> assertTable(msg, "planted_stratum\tpatients", null)),
          Map.entry(
              "survival --raw /tmp/stratum-biostatistician/raw --out"
                  + " /tmp/stratum-biostatistician/survival.csv",
              msg ->
                  assertTable(msg, "persons\tanalysable\tdeaths\twithout_diagnosis_origin", null)),
          Map.entry(
              STRATIFY,
              msg ->
                  assertTable(
                      msg,
                      "k\tsilhouette\tgap\tgap_se\tpac\tsmallest_cluster\teligible\tchosen",
                      null)),
          // The demo store stratified (fixed k: one row, chosen) and the strata written back: the
          // catalog of the new current snapshot lists the model's stratum column.
          Map.entry(
              STORE_STRATIFY,
              msg ->
                  assertTable(
                      msg,
                      "k\tsilhouette\tgap\tgap_se\tpac\tsmallest_cluster\teligible\tchosen",
                      null)),
          Map.entry(
              "store catalog --family strata",
              msg ->
                  assertFirstCell(
                      msg,
                      "name\ttype\tunit\tfamily\tdescription\tsource",
                      "stratum_kmeans_k4_seed7")),
          Map.entry("clusters", msg -> assertTable(msg, CLUSTERS_HEADER, null)),
          Map.entry("km", msg -> assertTable(msg, "cluster\tpatients\tevents\tmedian", null)),
          Map.entry(
              "freeze",
              msg -> assertTable(msg, "quantity\tvalue", "format\tstratum-stratification-model")),
          Map.entry(
              "simulate --design docs/designs/enrichment-2strata.json --reps 1000 --seed 7\n"
                  + "  --strata-from /tmp/stratum-biostatistician/strata/model.json",
              msg -> assertTable(msg, SIM_HEADER, null)),
          Map.entry(
              "store open demo-out/store", msg -> assertTable(msg, "table\trows", "persons\t60")),
          Map.entry(
              "cohort summary",
              msg -> assertTable(msg, "dimension\tgroup\tpatients\tshare", "all\tpatients\t60\t1")),
          Map.entry(
              "match --trial demo-out/raw/trials/NCT90000101.json --limit 10",
              msg -> assertFirstCell(msg, "status\tpatients", "eligible")),
          Map.entry(
              "match --limit 10", msg -> assertFirstCell(msg, "status\tpatients", "eligible")),
          Map.entry(
              "match --text 'Inclusion Criteria:\n- Breast cancer\n- Adults aged 18 to 64 years'"
                  + " --limit 5 --representativeness",
              msg -> assertFirstCell(msg, "status\tpatients", "eligible")),
          Map.entry(
              "funnel", msg -> assertFirstCell(msg, "step\tcriterion\tremaining\ttext", "0")));

  /** How many SVG charts a paragraph shows, where it must show some. */
  private static final Map<String, Integer> CHARTS =
      Map.ofEntries(
          Map.entry("units chart 1.5 mg/dL", 1),
          Map.entry(
              "gsd --looks ${looks=3} --upper ${upper=ldof,ldof|ldpocock|of|pocock|hsd:-4} --beta 0.1",
              1),
          Map.entry("gsd --looks 3 --lower ldof --beta 0.1", 1),
          Map.entry(
              "simulate --design docs/designs/gs-survival-3look.json --reps 1000 --seed 11"
                  + " --power-curve --curve-points 7",
              1),
          Map.entry(STRATIFY, 2),
          Map.entry(STORE_STRATIFY, 2),
          Map.entry("clusters", 1),
          Map.entry("km", 1),
          Map.entry("cohort summary", 1),
          Map.entry("match --trial demo-out/raw/trials/NCT90000101.json --limit 10", 1),
          Map.entry("funnel", 1));

  /** The forms a paragraph shows above itself after running, by command. */
  private static final Map<String, List<String>> FORMS =
      Map.of(
          "units convert ${value=5.5} ${from=mmol/L,mmol/L|umol/L|nmol/L|mol/L} umol/L",
          List.of("value", "from"),
          "units convert",
          List.of("value", "from", "to"),
          "sample-size survival --hr ${hr=0.7} --power ${power=0.9} --alpha 0.025 --sided 1",
          List.of("hr", "power"),
          "sample-size means --delta ${delta=0.5} --sd ${sd=1} --power 0.8",
          List.of("delta", "sd"),
          "gsd --looks ${looks=3} --upper ${upper=ldof,ldof|ldpocock|of|pocock|hsd:-4} --beta 0.1",
          List.of("looks", "upper"),
          "simulate --design docs/designs/gs-survival-3look.json --reps ${reps=2000} --seed 7",
          List.of("reps"),
          "criteria parse",
          List.of("criteria"),
          "nlp extract",
          List.of("note"),
          STRATIFY,
          List.of("k"),
          "match --limit 10",
          List.of("criteria"));

  private static void assertKind(String type, JsonNode msg) {
    assertEquals(type, msg.path("type").asText(), msg.toString());
  }

  private static void assertSvg(JsonNode msg) {
    assertKind("HTML", msg);
    assertTrue(msg.path("data").asText().startsWith("<svg "), msg.toString());
  }

  /** A table whose first data row starts with {@code firstCell}. */
  private static void assertFirstCell(JsonNode msg, String header, String firstCell) {
    assertTable(msg, header, null);
    String first = msg.path("data").asText().lines().toList().get(1);
    assertTrue(first.startsWith(firstCell + "\t"), first);
  }

  private static void assertTable(JsonNode msg, String header, String row) {
    assertKind("TABLE", msg);
    List<String> lines = msg.path("data").asText().lines().toList();
    assertEquals(header, lines.get(0));
    assertTrue(lines.size() > 1, "no rows: " + msg);
    if (row != null) {
      assertTrue(lines.contains(row), row + " not in " + lines);
    }
  }

  @Test
  void serverIsZeppelin0100OnLoopback() throws Exception {
    JsonNode v = rest.get("/api/version");
    assertEquals(200, v.path("httpStatus").asInt(), v.toString());
    assertEquals("0.10.0", v.path("body").path("version").asText(), v.toString());
    assertEquals("127.0.0.1", server.baseUri().getHost());
  }

  @Test
  void everyParagraphOfEveryShippedNotebookFinishes() throws Exception {
    List<ShippedNotebook> notes = ShippedNotebook.all();
    assertFalse(notes.isEmpty());
    JsonNode listed = rest.get("/api/notebook").path("body");
    for (ShippedNotebook note : notes) {
      // The installer put the note into notebook/, so the server loaded it at start ...
      boolean installed = false;
      for (JsonNode n : listed) {
        installed |= n.path("id").asText().equals(note.id());
      }
      assertTrue(installed, note.fileName() + " not among the server's notes: " + listed);
      // ... and a user's copy comes in through the REST import, under another path.
      ObjectNode copy = (ObjectNode) note.tree();
      // The recruiter's and biostatistician's paragraphs read demo-out/ (stratum demo's output):
      // here a copy of a small one built once for the test JVM.
      for (JsonNode p : copy.path("paragraphs")) {
        ((ObjectNode) p).put("text", DemoStore.localize(p.path("text").asText(), demo));
      }
      copy.put("name", "REST import/" + note.name());
      JsonNode imported = rest.post("/api/notebook/import", copy);
      assertEquals("OK", imported.path("status").asText(), imported.toString());
      String noteId = imported.path("body").asText();
      JsonNode paragraphs = rest.get("/api/notebook/" + noteId).path("body").path("paragraphs");
      assertEquals(note.tree().path("paragraphs").size(), paragraphs.size(), note.name());
      for (JsonNode p : paragraphs) {
        String pid = p.path("id").asText();
        String text = p.path("text").asText();
        JsonNode run = rest.post("/api/notebook/run/" + noteId + "/" + pid, "{}");
        JsonNode after = rest.get("/api/notebook/" + noteId + "/paragraph/" + pid).path("body");
        String where = note.name() + " / " + p.path("title").asText() + " / " + text;
        assertEquals(
            "FINISHED",
            after.path("status").asText(),
            where + "\nrun: " + run + "\n" + server.logTail());
        JsonNode msgs = after.path("results").path("msg");
        assertEquals("SUCCESS", after.path("results").path("code").asText(), where + " " + after);
        assertTrue(msgs.size() >= 1, where + " has no output");
        String command = DemoStore.unlocalize(text.replaceFirst("^%stratum\\s*", "").strip(), demo);
        if (command.startsWith("match") && !command.equals("match --limit 10")) {
          // the recruiter role (Zeppelin's anonymous user, test-config.properties) sees patients
          boolean ranked = false;
          for (JsonNode m : msgs) {
            ranked |= m.path("data").asText().startsWith("rank\tperson_id\t");
          }
          assertTrue(ranked, where + ": no ranked patients with evidence");
        }
        if (command.contains("--representativeness")) {
          boolean composition = false;
          for (JsonNode m : msgs) {
            composition |=
                m.path("type").asText().equals("TABLE")
                    && m.path("data").asText().startsWith("dimension\tgroup\tpool_count\t");
          }
          assertTrue(composition, where + ": no composition table");
        }
        Consumer<JsonNode> check = EXPECTED.get(command);
        if (check == null) {
          fail("no expected output registered in ZeppelinServerIT for paragraph: " + where);
        }
        check.accept(msgs.get(0));
        // Charts after the first block: every HTML block is one self-contained SVG, and the
        // paragraphs that draw charts show them.
        int charts = 0;
        for (JsonNode m : msgs) {
          if (m.path("type").asText().equals("HTML")) {
            assertSvg(m);
            charts++;
          }
        }
        assertEquals(CHARTS.getOrDefault(command, charts), charts, where + " charts");
        // Dynamic forms reach the real server: template forms (${...}) and the command's own.
        List<String> forms = new ArrayList<>();
        after.path("settings").path("forms").fieldNames().forEachRemaining(forms::add);
        assertEquals(FORMS.getOrDefault(command, List.of()), forms, where);
      }
    }
  }

  @Test
  void errorsShowAsOneLineInTheParagraph() throws Exception {
    JsonNode created = rest.post("/api/notebook", "{\"name\": \"errors\"}");
    String noteId = created.path("body").asText();
    ObjectNode paragraph = ZeppelinRest.json().createObjectNode();
    paragraph.put("title", "bad unit");
    paragraph.put("text", "%stratum\nunits convert 1 mg/dL mmol/L");
    String pid =
        rest.post("/api/notebook/" + noteId + "/paragraph", paragraph).path("body").asText();
    rest.post("/api/notebook/run/" + noteId + "/" + pid, "{}");
    JsonNode after = rest.get("/api/notebook/" + noteId + "/paragraph/" + pid).path("body");
    assertEquals("ERROR", after.path("status").asText(), after.toString());
    JsonNode msg = after.path("results").path("msg").get(0);
    assertEquals("TEXT", msg.path("type").asText());
    assertEquals(
        "option 'TO': cannot convert mg/dL (mass/volume) to mmol/L (substance/volume)",
        msg.path("data").asText().strip());
  }

  /**
   * Every listening TCP socket of the server and of the interpreter processes it started is bound
   * to the loopback address (Linux: sockets from /proc/net/tcp{,6} matched to the processes' file
   * descriptors).
   */
  @Test
  void everyPortIsBoundToLoopback() throws Exception {
    Path procNet = Path.of("/proc/net/tcp");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(procNet), "needs Linux /proc");
    // Make sure an interpreter process exists (the other tests may run later).
    JsonNode created = rest.post("/api/notebook", "{\"name\": \"ports\"}");
    String noteId = created.path("body").asText();
    ObjectNode paragraph = ZeppelinRest.json().createObjectNode();
    paragraph.put("text", "%stratum\nversion");
    String pid =
        rest.post("/api/notebook/" + noteId + "/paragraph", paragraph).path("body").asText();
    rest.post("/api/notebook/run/" + noteId + "/" + pid, "{}");

    List<ProcessHandle> family = new ArrayList<>(server.process().descendants().toList());
    family.add(server.process());
    Set<String> inodes = new HashSet<>();
    Pattern socket = Pattern.compile("socket:\\[(\\d+)]");
    for (ProcessHandle h : family) {
      Path fds = Path.of("/proc", String.valueOf(h.pid()), "fd");
      if (!Files.isDirectory(fds)) {
        continue;
      }
      try (var list = Files.list(fds)) {
        for (Path fd : list.toList()) {
          try {
            Matcher m = socket.matcher(Files.readSymbolicLink(fd).toString());
            if (m.matches()) {
              inodes.add(m.group(1));
            }
          } catch (IOException e) {
            // the descriptor closed meanwhile
          }
        }
      }
    }
    assertTrue(family.size() >= 2, "expected the server and an interpreter process: " + family);
    List<String> listening = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path t = Path.of(table);
      if (!Files.exists(t)) {
        continue;
      }
      for (String line : Files.readAllLines(t).subList(1, Files.readAllLines(t).size())) {
        String[] f = line.trim().split("\\s+");
        // f[1] local address:port (hex), f[3] state (0A = LISTEN), f[9] inode
        if (f[3].equals("0A") && inodes.contains(f[9])) {
          listening.add(f[1]);
        }
      }
    }
    assertTrue(listening.size() >= 3, "expected HTTP + 2 Thrift ports, found " + listening);
    for (String local : listening) {
      String addr = local.substring(0, local.indexOf(':'));
      boolean loopback =
          addr.equals("0100007F") // 127.0.0.1, little-endian
              || addr.equals("00000000000000000000000001000000") // ::1
              || addr.equals("0000000000000000FFFF00000100007F"); // ::ffff:127.0.0.1
      assertTrue(loopback, "a port listens beyond loopback: " + local + " in " + listening);
    }
  }
}
