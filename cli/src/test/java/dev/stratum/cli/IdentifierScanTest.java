package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.cli.IdentifierScanner.Hit;
import dev.stratum.cli.IdentifierScanner.Needle;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.jobs.ReidentificationMap;
import dev.stratum.matching.PatientIndex;
import dev.stratum.matching.PatientRecord;
import dev.stratum.nlp.io.Note;
import dev.stratum.nlp.io.NoteFiles;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's end-to-end scan: the identifiers the generator planted in the notes ({@code
 * truth/identifiers.csv}: names, MRNs, phone numbers, e-mail addresses, street addresses, dates of
 * birth and of service) must be nowhere in the feature store, the patient index or any command
 * output, for any role. On the generated cohort shared with {@link MatchCommandTest} ({@link
 * GeneratedStore}: 600 patients, seed 11; no second Spark build).
 *
 * <p>Scanned: every string value of every Parquet table of the snapshot (read through {@link
 * FeatureSnapshot#forEachRow}, i.e. decompressed values, not file bytes) and every other file of
 * the snapshot folder; every stored field of every document of the index ({@link
 * PatientIndex#forEachStoredValue}, the stored patient record decoded and walked field by field);
 * stdout and stderr of {@code index}, {@code match} (several trials, with a free-text query over
 * the notes and --representativeness, JSON and table) and {@code nlp extract} for every role that
 * may run them. Excluded by design, and checked to lie outside the snapshot: the re-identification
 * map and the owner-only raw quarantine.
 *
 * <p>Dates (docs/privacy.md): the store is a pseudonymized limited data set that keeps structured
 * event dates, {@code notes.note_date} among them, for point-in-time reads and windows. So a date
 * of service is an identifier inside free text (where the de-identifier shifts it), not as a
 * structured date value; it is searched in the free text of its own note, and of its own patient in
 * outputs. A date of birth appears in the notes in the US format, which no structured value uses,
 * so it is searched everywhere. Ages over 89 (kind {@code age}, a bare number) are not scannable as
 * text and are covered by {@code DeidentifierTest}.
 */
class IdentifierScanTest {
  static final String KEY_HEX = GeneratedStore.KEY_HEX;

  @TempDir static Path dir;
  static GeneratedStore.Built g;
  static Path index;

  /** Planted identifiers as needles. */
  static List<Needle> needles = new ArrayList<>();

  /** note id -> source person id. */
  static Map<String, String> personOfNote = new HashMap<>();

  /** pseudonym -> source person id (the test holds the key). */
  static Map<String, String> sourceOf = new HashMap<>();

  static Map<String, Note> rawNotes = new HashMap<>();

  /**
   * Scope keys: a value of patient P is in {@code person:P}; a value taken from note N (the store's
   * notes and note_facts rows, the index's note texts and facts, an output's note evidence or
   * extracted fact) also in {@code note:N}. Dates of birth are searched in {@code person:P}, dates
   * of service only in {@code note:N}: everywhere else the same day is a structured event date,
   * which the limited data set keeps (a diagnosis made at that visit, the note's own note_date).
   */
  static final String NOTE = "note:";

  static final String PERSON = "person:";

  /** pseudonymized note id ({@code nlp extract} for the biostatistician) -> source note id. */
  static Map<String, String> noteOf = new HashMap<>();

  static int planted;

  @BeforeAll
  static void build() throws Exception {
    g = GeneratedStore.get();
    for (Note n : NoteFiles.read(g.raw().resolve("omop/note.csv"))) {
      personOfNote.put(n.noteId(), n.personId());
      rawNotes.put(n.noteId(), n);
      sourceOf.put(g.key().pseudonym(n.personId()), n.personId());
      noteOf.put(g.key().pseudonym("note:" + n.noteId()), n.noteId());
    }
    // One needle per distinct identifier; a date of birth is scoped to its patient (the same day
    // is another patient's unrelated date, or a shifted date that happens to fall on it), a date
    // of service to its own note (elsewhere it is a structured event date, or another note's
    // shifted date that happens to fall on it).
    Map<List<String>, Set<String>> scopes = new LinkedHashMap<>();
    try (Reader r =
        Files.newBufferedReader(g.raw().resolve("truth/identifiers.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord rec :
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        String kind = rec.get("kind");
        String text = rec.get("text");
        String note = rec.get("note_id");
        if (kind.equals("age")) {
          continue;
        }
        planted++;
        Set<String> scope = scopes.computeIfAbsent(List.of(kind, text), k -> new HashSet<>());
        if (kind.equals("date")) {
          boolean service = text.matches("\\d{4}-\\d{2}-\\d{2}");
          scope.add(service ? NOTE + note : PERSON + personOfNote.get(note));
        }
      }
    }
    scopes.forEach((k, scope) -> needles.add(new Needle(k.get(1), k.get(0), Set.copyOf(scope))));
    Path config = dir.resolve("config.properties");
    Files.writeString(config, "role.default = counts-only\n", StandardCharsets.UTF_8);
    TrustContext.environment =
        Map.of(
            "STRATUM_CONFIG",
            config.toString(),
            "STRATUM_AUDIT_LOG",
            dir.resolve("audit.jsonl").toString(),
            "STRATUM_PSEUDONYM_KEY",
            KEY_HEX);
  }

  @AfterAll
  static void reset() {
    TrustContext.environment = null;
  }

  /** What one scan found and how much it read. */
  static final class Report {
    final List<Hit> hits = new ArrayList<>();
    final Map<String, Long> values = new TreeMap<>();
    long chars;

    void scan(IdentifierScanner s, String where, String value, Set<String> scope) {
      if (value == null) {
        return;
      }
      values.merge(where.replaceAll("\\[.*", ""), 1L, Long::sum);
      chars += value.length();
      hits.addAll(s.scan(where, value, scope));
    }

    String summary() {
      return hits.size()
          + " hits"
          + (hits.isEmpty() ? "" : ", first: " + hits.subList(0, Math.min(15, hits.size())));
    }
  }

  @Test
  void noPlantedIdentifierIsLeftInTheStoreTheIndexOrAnyOutput() throws Exception {
    IdentifierScanner scanner = new IdentifierScanner(needles);
    assertTrue(planted > 2000, "the generator plants thousands of identifiers: " + planted);

    // --- the store: every string value of every table, every other file of the snapshot
    FeatureSnapshot snap = FeatureStore.open(g.store()).current();
    Report store = new Report();
    long noteTexts = scanStore(snap, scanner, store);
    assertTrue(noteTexts > 500, "de-identified note texts kept in the store: " + noteTexts);
    // excluded by design: outside the snapshot, owner-only
    Path reid = ReidentificationMap.file(g.store(), snap.id());
    assertTrue(Files.isRegularFile(reid), reid.toString());
    assertFalse(reid.toAbsolutePath().startsWith(snap.dir().toAbsolutePath()));
    Path restricted = ReidentificationMap.restrictedDir(g.store());
    assertFalse(restricted.toAbsolutePath().startsWith(snap.dir().toAbsolutePath()));

    // --- the index: every stored field of every document
    index = dir.resolve("index");
    Report outputs = new Report();
    CliHarness idx =
        CliHarness.run(
            "index",
            "--store",
            g.store().toString(),
            "--index",
            index.toString(),
            "--role",
            "biostatistician",
            "--format",
            "json");
    assertEquals(0, idx.exitCode(), idx.err());
    outputs.scan(scanner, "index stdout", idx.out(), Set.of());
    Report indexed = new Report();
    long[] docs = {0};
    try (PatientIndex pi = PatientIndex.open(index)) {
      pi.forEachStoredValue(
          v -> {
            if (v.record() != null) {
              docs[0]++;
              walk(scanner, indexed, "index " + v.field(), v.record(), scopeOf(v.record()));
            } else if (v.text() != null) {
              indexed.scan(scanner, "index " + v.field(), v.text(), Set.of());
            } else {
              indexed.scan(
                  scanner,
                  "index " + v.field(),
                  new String(v.bytes(), StandardCharsets.UTF_8),
                  Set.of());
            }
          });
    }
    assertTrue(docs[0] > 400, "indexed patients: " + docs[0]);

    // --- command outputs, every role
    List<Path> trials;
    try (Stream<Path> s = Files.list(g.raw().resolve("trials"))) {
      trials = s.filter(p -> p.toString().endsWith(".json")).sorted().limit(2).toList();
    }
    assertFalse(trials.isEmpty());
    int runs = 0;
    for (String role : List.of("recruiter", "biostatistician", "counts-only")) {
      for (Path trial : trials) {
        for (String format : List.of("json", "table")) {
          CliHarness m =
              CliHarness.run(
                  "match",
                  "--index",
                  index.toString(),
                  "--store",
                  g.store().toString(),
                  "--trial",
                  trial.toString(),
                  "--query",
                  "fatigue OR pain OR cough",
                  "--as-of",
                  GeneratedStore.AS_OF.toString(),
                  "--limit",
                  "1000",
                  "--representativeness",
                  "--role",
                  role,
                  "--format",
                  format);
          assertEquals(0, m.exitCode(), role + " " + trial + ": " + m.err());
          String where = "match " + role + " " + trial.getFileName() + " " + format;
          if (format.equals("json")) {
            walkJson(scanner, outputs, where, Output.json().readTree(m.out()), null);
          } else {
            outputs.scan(scanner, where, m.out(), Set.of());
          }
          outputs.scan(scanner, where + " stderr", m.err(), Set.of());
          runs++;
        }
      }
      if (!role.equals("recruiter")) {
        // the recruiter reads notes as written (docs/privacy.md); the other roles get them
        // de-identified under pseudonyms, or only counts
        CliHarness nlp =
            CliHarness.run(
                "nlp",
                "extract",
                "--in",
                g.raw().resolve("omop/note.csv").toString(),
                "--role",
                role,
                "--format",
                "json");
        assertEquals(0, nlp.exitCode(), nlp.err());
        walkJson(scanner, outputs, "nlp extract " + role, Output.json().readTree(nlp.out()), null);
        outputs.scan(scanner, "nlp extract " + role + " stderr", nlp.err(), Set.of());
        runs++;
      }
    }

    System.out.printf(
        Locale.ROOT,
        "identifier scan: %d planted identifiers (%d needles) searched in%n"
            + "  store: %d values, %,d chars (%d note texts); per table.column: %s%n"
            + "  index: %d documents, %d values, %,d chars%n"
            + "  outputs: %d command runs, %d values, %,d chars%n",
        planted,
        scanner.size(),
        store.values.values().stream().mapToLong(Long::longValue).sum(),
        store.chars,
        noteTexts,
        store.values.keySet().size(),
        docs[0],
        indexed.values.values().stream().mapToLong(Long::longValue).sum(),
        indexed.chars,
        runs,
        outputs.values.values().stream().mapToLong(Long::longValue).sum(),
        outputs.chars);
    assertTrue(store.hits.isEmpty(), "store: " + store.summary());
    assertTrue(indexed.hits.isEmpty(), "index: " + indexed.summary());
    assertTrue(outputs.hits.isEmpty(), "outputs: " + outputs.summary());
  }

  /**
   * The scan can fail: on the raw notes (before de-identification) it finds every planted
   * identifier, and an identifier slipped into a store value, an index record or an output is
   * found.
   */
  @Test
  void theScannerFindsIdentifiersThatAreThere() throws Exception {
    IdentifierScanner scanner = new IdentifierScanner(needles);
    Report raw = new Report();
    for (Note n : rawNotes.values()) {
      raw.scan(scanner, "raw note " + n.noteId(), n.text(), scope(n.personId(), n.noteId()));
    }
    Map<String, Integer> byKind = new TreeMap<>();
    raw.hits.forEach(h -> byKind.merge(h.kind(), 1, Integer::sum));
    System.out.println("identifier scan of the raw notes, hits per kind: " + byKind);
    Set<String> found = new HashSet<>();
    raw.hits.forEach(h -> found.add(h.kind() + "\t" + h.text()));
    for (Needle n : needles) {
      assertTrue(found.contains(n.kind() + "\t" + n.text()), "not found in the raw notes: " + n);
    }
    assertTrue(raw.hits.size() >= planted, raw.hits.size() + " < " + planted);

    // one identifier of each kind planted on purpose where the real scan looks: a store value of
    // its own note, an output's evidence text of its own patient, a decoded index record
    Map<String, Needle> oneOfEach = new LinkedHashMap<>();
    needles.forEach(
        n -> oneOfEach.putIfAbsent(n.kind() + (n.text().contains("/") ? "-dob" : ""), n));
    assertEquals(
        Set.of("name", "mrn", "phone", "email", "address", "date", "date-dob"), oneOfEach.keySet());
    for (Needle n : oneOfEach.values()) {
      Note own =
          rawNotes.values().stream()
              .filter(
                  x ->
                      n.scope().isEmpty()
                          || n.scope().contains(NOTE + x.noteId())
                          || n.scope().contains(PERSON + x.personId()))
              .findFirst()
              .orElseThrow();
      String value = "Seen today. " + n.text() + ".";
      assertEquals(
          1,
          scanner.scan("store value", value, scope(own.personId(), own.noteId())).size(),
          "in a store value: " + n);
      Report json = new Report();
      walkJson(
          scanner,
          json,
          "planted output",
          Output.json()
              .readTree(
                  "{\"patients\":[{\"person_id\":\""
                      + g.key().pseudonym(own.personId())
                      + "\",\"criteria\":[{\"evidence\":[{\"kind\":\"note\",\"source\":\""
                      + own.noteId()
                      + "\",\"text\":\"history per "
                      + n.text()
                      + " today\"}]}]}]}"),
          null);
      assertEquals(1, json.hits.size(), "in an output: " + n);
      Report r = new Report();
      PatientRecord rec =
          PatientRecord.builder(g.key().pseudonym(own.personId()))
              .note(own.noteId(), own.date(), "progress", value)
              .build();
      walk(scanner, r, "index rec", rec, scopeOf(rec));
      assertEquals(1, r.hits.size(), "in an index record: " + n + " " + r.summary());
    }
    // a structured date value is kept by design (limited data set): not a hit
    Needle service = oneOfEach.get("date");
    Note own =
        rawNotes.values().stream()
            .filter(x -> service.scope().contains(NOTE + x.noteId()))
            .findFirst()
            .orElseThrow();
    assertTrue(
        scanner
            .scan("notes.note_date", service.text(), scope(own.personId(), own.noteId()))
            .isEmpty());
  }

  /** Scans a snapshot; returns how many note texts it holds. */
  static long scanStore(FeatureSnapshot snap, IdentifierScanner scanner, Report report)
      throws Exception {
    long[] noteTexts = {0};
    for (String table : snap.tables()) {
      List<String> cols = snap.columns(table);
      int pid = cols.indexOf("person_id");
      int nid = cols.indexOf("note_id");
      snap.forEachRow(
          table,
          row -> {
            String person = pid >= 0 && row[pid] != null ? sourceOf.get((String) row[pid]) : null;
            String note = nid >= 0 && row[nid] != null ? (String) row[nid] : null;
            Set<String> scope = scope(person, note);
            for (int c = 0; c < row.length; c++) {
              if (row[c] instanceof String s) {
                if (table.equals("notes") && cols.get(c).equals("text")) {
                  noteTexts[0]++;
                }
                report.scan(scanner, table + "." + cols.get(c), s, scope);
              }
            }
          });
    }
    try (Stream<Path> files = Files.walk(snap.dir())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!f.getFileName().toString().endsWith(".parquet")
            && !f.getFileName().toString().endsWith(".crc")) {
          report.scan(
              scanner,
              "file " + snap.dir().relativize(f),
              new String(Files.readAllBytes(f), StandardCharsets.UTF_8),
              Set.of());
        }
      }
    }
    return noteTexts[0];
  }

  static Set<String> scopeOf(PatientRecord r) {
    return scope(sourceOf.get(r.personId()), null);
  }

  /** The scope keys of a value of this patient and note (either may be null). */
  static Set<String> scope(String person, String note) {
    Set<String> s = new HashSet<>();
    if (person != null) {
      s.add(PERSON + person);
    }
    if (note != null) {
      s.add(NOTE + note);
    }
    return s;
  }

  /** Every string of a decoded index record; a note's text in the scope of its note. */
  static void walk(
      IdentifierScanner scanner, Report report, String where, Object o, Set<String> scope) {
    switch (o) {
      case null -> {}
      case String s -> report.scan(scanner, where, s, scope);
      case PatientRecord.NoteText n -> {
        Set<String> noteScope = scope(person(scope), n.noteId());
        report.scan(scanner, where + ".notes.text", n.text(), noteScope);
        report.scan(scanner, where + ".notes.type", n.type(), noteScope);
        report.scan(scanner, where + ".notes.note_id", n.noteId(), noteScope);
      }
      case dev.stratum.core.nlp.NoteFact f ->
          walkComponents(scanner, report, where + ".facts", f, Set.of("note:" + f.noteId()));
      case List<?> l -> l.forEach(x -> walk(scanner, report, where, x, scope));
      case Record rec -> walkComponents(scanner, report, where, rec, scope);
      default -> {}
    }
  }

  private static String person(Set<String> scope) {
    return scope.stream()
        .filter(k -> k.startsWith(PERSON))
        .map(k -> k.substring(PERSON.length()))
        .findFirst()
        .orElse(null);
  }

  private static void walkComponents(
      IdentifierScanner scanner, Report report, String where, Record rec, Set<String> scope) {
    for (RecordComponent c : rec.getClass().getRecordComponents()) {
      try {
        walk(scanner, report, where + "." + c.getName(), c.getAccessor().invoke(rec), scope);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError("cannot read " + c + " of " + rec.getClass(), e);
      }
    }
  }

  /**
   * Every string of a JSON output, in the scope of the patient of the nearest enclosing object with
   * a {@code person_id} (source id for the recruiter, pseudonym for the others) and of the note of
   * the nearest note evidence ({@code "kind":"note"}, note id in {@code source}) or extracted fact
   * ({@code note_id}).
   */
  static void walkJson(
      IdentifierScanner scanner, Report report, String where, JsonNode n, String person) {
    walkJson(scanner, report, where, n, person, null);
  }

  private static void walkJson(
      IdentifierScanner scanner,
      Report report,
      String where,
      JsonNode n,
      String person,
      String note) {
    if (n.isObject()) {
      String p = person;
      String nt = note;
      JsonNode pid = n.get("person_id");
      if (pid != null && pid.isTextual()) {
        p = sourceOf.getOrDefault(pid.asText(), pid.asText());
      }
      JsonNode nid = n.get("note_id");
      if (nid != null && nid.isTextual()) {
        nt = noteOf.getOrDefault(nid.asText(), nid.asText());
      } else if (n.path("kind").asText().equals("note") && n.path("source").isTextual()) {
        nt = n.path("source").asText();
      }
      String ap = p;
      String an = nt;
      n.properties().forEach(e -> walkJson(scanner, report, where, e.getValue(), ap, an));
    } else if (n.isArray()) {
      n.forEach(x -> walkJson(scanner, report, where, x, person, note));
    } else if (n.isTextual()) {
      report.scan(scanner, where, n.asText(), scope(person, note));
    }
  }
}
