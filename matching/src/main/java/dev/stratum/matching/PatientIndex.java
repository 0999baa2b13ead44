package dev.stratum.matching;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import dev.stratum.matching.PatientItems.Item;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * The Lucene index of the patients of one feature-store snapshot: one document per patient with
 * research consent. Patients without research consent are never written (so no query can return or
 * count them); a withdrawal in a later snapshot deletes the patient's document.
 *
 * <p>Fields: {@code sex}; {@code birth}/{@code death} days as points; diagnoses ({@code cond}, with
 * every ICD-10-CM ancestor), drugs ({@code drug}, RxNorm and every ATC class), procedures ({@code
 * proc}) as terms and as (term hash, start day, end day) points for time windows; the latest value
 * per code of every measurement, numeric observation and value stated in a note as (key hash, day,
 * value) points in the dimension's reference unit ({@code num}); variant calls ({@code var}: gene,
 * gene:change, gene:AMPLIFICATION, gene:FUSION) and whether the patient was genotyped; affirmed
 * note facts in their own fields ({@code fcond}, {@code fdrug}, {@code fvar}, {@code bmpos}, ...)
 * and negated, family and uncertain mentions apart ({@code fneg}, {@code ffam}, {@code func}); the
 * note text under the {@link ClinicalAnalyzer}; strata. The record itself is stored for evidence.
 */
public final class PatientIndex implements Closeable {
  static final String PID = "pid";
  static final String PID_DV = "pid_dv";
  static final String DIGEST = "digest";
  static final String RECORD = "rec";
  static final String NOTE = "note";
  static final String PRODUCER = "stratum-matching";

  private final Path dir;
  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final IndexInfo info;

  private PatientIndex(Path dir, Directory directory, DirectoryReader reader, IndexInfo info) {
    this.dir = dir;
    this.directory = directory;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    // Counting walks every segment in this thread; no executor is wanted.
    this.searcher.setQueryCache(null);
    this.info = info;
  }

  /** Whether {@code dir} holds an index built from snapshot {@code snapshotId}. */
  public static boolean isCurrent(Path dir, String snapshotId) {
    IndexInfo i = readInfo(dir);
    return i != null && i.snapshotId().equals(snapshotId);
  }

  /** The metadata of the index in {@code dir}, or null when there is no index there. */
  public static IndexInfo readInfo(Path dir) {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Directory d = FSDirectory.open(dir)) {
      if (!DirectoryReader.indexExists(d)) {
        return null;
      }
      try (DirectoryReader r = DirectoryReader.open(d)) {
        return IndexInfo.fromUserData(dir.toString(), r.getIndexCommit().getUserData());
      }
    } catch (IOException e) {
      throw new StratumException("cannot read index " + dir + ": " + e, e);
    }
  }

  /**
   * Builds or incrementally updates the index in {@code dir} from the patients of a snapshot. When
   * the index already holds {@code snapshotId} nothing is read ({@code skipped}). Otherwise each
   * record is compared by digest with the indexed one: new and changed patients are written,
   * identical ones kept, patients gone from the snapshot or without research consent deleted.
   *
   * @param dir the index directory (created when missing)
   * @param snapshotId id of the snapshot the records come from
   * @param asOf the snapshot's as-of day, null when it used every event
   * @param records every patient of the snapshot (each consulted once)
   */
  public static IndexBuildSummary build(
      Path dir, String snapshotId, LocalDate asOf, Iterable<PatientRecord> records) {
    long t0 = System.nanoTime();
    IndexInfo old = readInfo(dir);
    if (old != null && old.snapshotId().equals(snapshotId)) {
      return new IndexBuildSummary(
          old, true, 0, 0, old.patients(), 0, old.withoutConsent(), elapsed(t0), size(dir));
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw InvalidInputException.ofArgument("--index", "cannot create " + dir + ": " + e);
    }
    Map<String, String> existing = old == null ? Map.of() : digests(dir);
    long added = 0;
    long updated = 0;
    long unchanged = 0;
    long removed = 0;
    long withoutConsent = 0;
    long patients = 0;
    LocalDate through = null;
    Set<String> seen = new HashSet<>();
    IndexWriterConfig cfg = new IndexWriterConfig(new ClinicalAnalyzer());
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    cfg.setRAMBufferSizeMB(256);
    try (Directory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, cfg)) {
      for (PatientRecord r : records) {
        if (!seen.add(r.personId())) {
          throw new StratumException(
              "patient " + r.personId() + " appears twice in snapshot " + snapshotId);
        }
        String had = existing.get(r.personId());
        if (!r.consentsToResearch()) {
          withoutConsent++;
          if (had != null) {
            w.deleteDocuments(new Term(PID, r.personId()));
            removed++;
          }
          continue;
        }
        patients++;
        LocalDate last = r.lastEventDate();
        if (last != null && (through == null || last.isAfter(through))) {
          through = last;
        }
        byte[] enc = RecordCodec.encode(r);
        String digest = RecordCodec.digest(enc);
        if (digest.equals(had)) {
          unchanged++;
          continue;
        }
        Document doc = document(r, enc, digest);
        if (had == null) {
          w.addDocument(doc);
          added++;
        } else {
          w.updateDocument(new Term(PID, r.personId()), doc);
          updated++;
        }
      }
      for (String pid : existing.keySet()) {
        if (!seen.contains(pid)) {
          w.deleteDocuments(new Term(PID, pid));
          removed++;
        }
      }
      IndexInfo info = new IndexInfo(snapshotId, asOf, through, patients, withoutConsent, PRODUCER);
      w.setLiveCommitData(info.toUserData().entrySet());
      w.commit();
      w.forceMergeDeletes();
      w.commit();
      return new IndexBuildSummary(
          info, false, added, updated, unchanged, removed, withoutConsent, elapsed(t0), size(dir));
    } catch (IOException e) {
      throw new StratumException("cannot write index " + dir + ": " + e, e);
    }
  }

  private static long elapsed(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  static long size(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private static Map<String, String> digests(Path dir) {
    Map<String, String> out = new HashMap<>();
    try (Directory d = FSDirectory.open(dir);
        DirectoryReader r = DirectoryReader.open(d)) {
      for (LeafReaderContext ctx : r.leaves()) {
        BinaryDocValues pid = ctx.reader().getBinaryDocValues(PID_DV);
        BinaryDocValues dig = ctx.reader().getBinaryDocValues(DIGEST);
        Bits live = ctx.reader().getLiveDocs();
        if (pid == null || dig == null) {
          continue;
        }
        for (int doc = pid.nextDoc(); doc != BinaryDocValues.NO_MORE_DOCS; doc = pid.nextDoc()) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          if (dig.advanceExact(doc)) {
            out.put(pid.binaryValue().utf8ToString(), dig.binaryValue().utf8ToString());
          }
        }
      }
    } catch (IOException e) {
      throw new StratumException("cannot read index " + dir + ": " + e, e);
    }
    return out;
  }

  static Document document(PatientRecord r, byte[] encoded, String digest) {
    Document doc = new Document();
    doc.add(new StringField(PID, r.personId(), Field.Store.NO));
    doc.add(new BinaryDocValuesField(PID_DV, new BytesRef(r.personId())));
    doc.add(new BinaryDocValuesField(DIGEST, new BytesRef(digest)));
    doc.add(new StoredField(RECORD, encoded));
    Set<String> terms = new HashSet<>();
    for (Item it : PatientItems.derive(r)) {
      switch (it.field()) {
        case PatientItems.BIRTH, PatientItems.DEATH ->
            doc.add(new LongPoint(it.field(), it.start()));
        case PatientItems.NUM ->
            doc.add(
                new LongPoint(
                    PatientItems.NUM,
                    Vocab.hash(it.term()),
                    it.start(),
                    NumericUtils.doubleToSortableLong(it.value())));
        default -> {
          if (terms.add(it.field() + "\u0000" + it.term())) {
            doc.add(new StringField(it.field(), it.term(), Field.Store.NO));
          }
          if (PatientItems.DATED.contains(it.field())) {
            doc.add(new LongPoint(it.field() + "_d", Vocab.hash(it.term()), it.start(), it.end()));
          }
        }
      }
    }
    for (PatientRecord.NoteText n : r.notes()) {
      doc.add(new TextField(NOTE, n.text(), Field.Store.NO));
    }
    return doc;
  }

  /** Opens the index in {@code dir} for matching. */
  public static PatientIndex open(Path dir) {
    IndexInfo info = readInfo(dir);
    if (info == null) {
      throw InvalidInputException.ofArgument(
          "--index", "no patient index in " + dir + " (build one with stratum index)");
    }
    try {
      Directory d = FSDirectory.open(dir);
      return new PatientIndex(dir, d, DirectoryReader.open(d), info);
    } catch (IOException e) {
      throw new StratumException("cannot open index " + dir + ": " + e, e);
    }
  }

  public IndexInfo info() {
    return info;
  }

  public Path dir() {
    return dir;
  }

  /** Number of indexed patients (all with research consent). */
  public int size() {
    return reader.numDocs();
  }

  IndexSearcher searcher() {
    return searcher;
  }

  DirectoryReader reader() {
    return reader;
  }

  /** The stored record of index document {@code doc}. */
  PatientRecord record(int doc) {
    return RecordCodec.decode(recordBytes(doc));
  }

  /** The stored, encoded record of index document {@code doc} ({@link RecordCodec}). */
  byte[] recordBytes(int doc) {
    try {
      BytesRef b = reader.storedFields().document(doc, RECORD_ONLY).getBinaryValue(RECORD);
      byte[] bytes = new byte[b.length];
      System.arraycopy(b.bytes, b.offset, bytes, 0, b.length);
      return bytes;
    } catch (IOException e) {
      throw new StratumException("cannot read index " + dir + ": " + e, e);
    }
  }

  private static final Set<String> RECORD_ONLY = Set.of(RECORD);

  /** The stored record of a patient, or null when the index does not hold them. */
  public PatientRecord record(String personId) {
    int doc = docOf(personId);
    return doc < 0 ? null : record(doc);
  }

  int docOf(String personId) {
    try {
      for (LeafReaderContext ctx : reader.leaves()) {
        var postings = ctx.reader().postings(new Term(PID, personId));
        if (postings == null) {
          continue;
        }
        Bits live = ctx.reader().getLiveDocs();
        for (int d = postings.nextDoc();
            d != BinaryDocValues.NO_MORE_DOCS;
            d = postings.nextDoc()) {
          if (live == null || live.get(d)) {
            return ctx.docBase + d;
          }
        }
      }
      return -1;
    } catch (IOException e) {
      throw new StratumException("cannot read index " + dir + ": " + e, e);
    }
  }

  /**
   * One stored value of an indexed document, for audits of what the index keeps (issue 9: the scan
   * for identifiers left in the index).
   *
   * @param field the stored field's name
   * @param text the value when the field holds text, else null
   * @param bytes the value when the field holds bytes, else null
   * @param record the decoded patient record when the field is the stored record, else null
   */
  public record StoredValue(String field, String text, byte[] bytes, PatientRecord record) {}

  /**
   * Visits every stored field of every live document, decoding the stored patient record (the only
   * stored field this index writes today; any other stored field is handed over as text or bytes).
   */
  public void forEachStoredValue(java.util.function.Consumer<StoredValue> sink) {
    try {
      var stored = reader.storedFields();
      for (LeafReaderContext ctx : reader.leaves()) {
        Bits live = ctx.reader().getLiveDocs();
        for (int d = 0; d < ctx.reader().maxDoc(); d++) {
          if (live != null && !live.get(d)) {
            continue;
          }
          for (var f : stored.document(ctx.docBase + d).getFields()) {
            BytesRef b = f.binaryValue();
            if (b != null) {
              byte[] bytes = java.util.Arrays.copyOfRange(b.bytes, b.offset, b.offset + b.length);
              sink.accept(
                  new StoredValue(
                      f.name(),
                      null,
                      bytes,
                      f.name().equals(RECORD) ? RecordCodec.decode(bytes) : null));
            } else {
              sink.accept(new StoredValue(f.name(), f.stringValue(), null, null));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new StratumException("cannot read index " + dir + ": " + e, e);
    }
  }

  /** Person ids of the given documents. */
  String personId(int doc) {
    return record(doc).personId();
  }

  List<LeafReaderContext> leaves() {
    return reader.leaves();
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
    } catch (IOException e) {
      throw new StratumException("cannot close index " + dir + ": " + e, e);
    }
  }
}
