package dev.stratum.matching;

import dev.stratum.core.error.SchemaMismatchException;
import dev.stratum.core.model.Code;
import dev.stratum.core.model.CodeSystem;
import dev.stratum.core.model.Sex;
import dev.stratum.core.nlp.AssertionStatus;
import dev.stratum.core.nlp.EvidenceSpan;
import dev.stratum.core.nlp.Experiencer;
import dev.stratum.core.nlp.NoteFact;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The compact binary form of a {@link PatientRecord} stored in each index document (so that
 * evidence can be shown without going back to the store) and its digest (so that an incremental
 * rebuild re-indexes only patients whose record changed). Version byte first; a reader refuses
 * other versions.
 */
final class RecordCodec {
  static final int VERSION = 1;
  private static final long NO_DATE = Long.MIN_VALUE;

  private RecordCodec() {}

  static byte[] encode(PatientRecord r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      str(out, r.personId());
      out.writeByte(r.sex().ordinal());
      date(out, r.birthDate());
      str(out, r.race());
      str(out, r.ethnicity());
      date(out, r.deathDate());
      out.writeByte(r.researchConsent() == null ? 2 : r.researchConsent() ? 1 : 0);
      events(out, r.conditions());
      events(out, r.drugs());
      events(out, r.procedures());
      out.writeInt(r.measurements().size());
      for (PatientRecord.Measurement m : r.measurements()) {
        str(out, m.code());
        date(out, m.date());
        out.writeDouble(m.value());
        str(out, m.unit());
        out.writeDouble(m.rangeHigh());
        str(out, m.source());
      }
      out.writeInt(r.observations().size());
      for (PatientRecord.Observation o : r.observations()) {
        str(out, o.code());
        date(out, o.date());
        out.writeDouble(o.value());
        str(out, o.valueString());
        str(out, o.unit());
        str(out, o.source());
      }
      out.writeInt(r.variants().size());
      for (PatientRecord.VariantCall v : r.variants()) {
        str(out, v.gene());
        str(out, v.hgvsp());
        str(out, v.variantClass());
        str(out, v.fusion());
        out.writeDouble(v.vaf());
        str(out, v.source());
      }
      out.writeBoolean(r.genotyped());
      out.writeInt(r.facts().size());
      for (NoteFact f : r.facts()) {
        str(out, f.noteId());
        str(out, f.category());
        str(out, f.concept());
        str(out, f.code() == null ? "" : f.code().system().name());
        str(out, f.code() == null ? "" : f.code().code());
        out.writeDouble(f.value());
        str(out, f.unit());
        str(out, f.valueText());
        date(out, f.date());
        AssertionStatus s = f.status();
        out.writeBoolean(s.negated());
        out.writeBoolean(s.uncertain());
        out.writeBoolean(s.historical());
        out.writeByte(s.experiencer().ordinal());
        out.writeInt(f.evidence().begin());
        out.writeInt(f.evidence().end());
        str(out, f.evidence().text());
      }
      out.writeInt(r.notes().size());
      for (PatientRecord.NoteText n : r.notes()) {
        str(out, n.noteId());
        date(out, n.date());
        str(out, n.type());
        str(out, n.text());
      }
      out.writeInt(r.strata().size());
      for (String s : r.strata()) {
        str(out, s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static PatientRecord decode(byte[] data) {
    return decode(data, true);
  }

  /**
   * Decodes a stored record; without {@code noteText} the notes keep id, date and type but their
   * text is left empty (the text is most of a record's bytes and is read only for note evidence).
   */
  static PatientRecord decode(byte[] data, boolean noteText) {
    try {
      Reader in = new Reader(data);
      int v = in.readUnsignedByte();
      if (v != VERSION) {
        throw new SchemaMismatchException(
            "patient index record", "record v" + v, "record v" + VERSION);
      }
      String pid = str(in);
      Sex sex = Sex.values()[in.readUnsignedByte()];
      LocalDate birth = date(in);
      String race = str(in);
      String eth = str(in);
      LocalDate death = date(in);
      int c = in.readUnsignedByte();
      Boolean consent = c == 2 ? null : c == 1;
      List<PatientRecord.CodedEvent> conditions = events(in);
      List<PatientRecord.CodedEvent> drugs = events(in);
      List<PatientRecord.CodedEvent> procedures = events(in);
      int n = in.readInt();
      List<PatientRecord.Measurement> ms = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ms.add(
            new PatientRecord.Measurement(
                str(in), date(in), in.readDouble(), str(in), in.readDouble(), str(in)));
      }
      n = in.readInt();
      List<PatientRecord.Observation> obs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        obs.add(
            new PatientRecord.Observation(
                str(in), date(in), in.readDouble(), str(in), str(in), str(in)));
      }
      n = in.readInt();
      List<PatientRecord.VariantCall> vs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        vs.add(
            new PatientRecord.VariantCall(
                str(in), str(in), str(in), str(in), in.readDouble(), str(in)));
      }
      boolean genotyped = in.readBoolean();
      n = in.readInt();
      List<NoteFact> facts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String noteId = str(in);
        String category = str(in);
        String concept = str(in);
        String system = str(in);
        String code = str(in);
        double value = in.readDouble();
        String unit = str(in);
        String valueText = str(in);
        LocalDate date = date(in);
        AssertionStatus st =
            new AssertionStatus(
                in.readBoolean(),
                in.readBoolean(),
                in.readBoolean(),
                Experiencer.values()[in.readUnsignedByte()]);
        int begin = in.readInt();
        int end = in.readInt();
        String text = str(in);
        facts.add(
            new NoteFact(
                noteId,
                pid,
                category,
                concept,
                system.isEmpty() ? null : Code.of(CodeSystem.valueOf(system), code),
                value,
                unit,
                valueText,
                date,
                st,
                new EvidenceSpan(noteId, begin, end, text)));
      }
      n = in.readInt();
      List<PatientRecord.NoteText> notes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String noteId = str(in);
        LocalDate date = date(in);
        String type = str(in);
        String text;
        if (noteText) {
          text = str(in);
        } else {
          in.skip(in.readInt());
          text = "";
        }
        notes.add(new PatientRecord.NoteText(noteId, date, type, text));
      }
      n = in.readInt();
      List<String> strata = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        strata.add(str(in));
      }
      return new PatientRecord(
          pid,
          sex,
          birth,
          race,
          eth,
          death,
          consent,
          conditions,
          drugs,
          procedures,
          ms,
          obs,
          vs,
          genotyped,
          facts,
          notes,
          strata);
    } catch (java.nio.BufferUnderflowException e) {
      throw new SchemaMismatchException(
          "patient index record", "truncated record", "record v" + VERSION);
    }
  }

  /**
   * Big-endian reads over the record bytes (the layout {@link DataOutputStream} writes), without
   * the per-byte stream overhead: decoding is on the path of every patient shown with evidence.
   */
  private static final class Reader {
    private final java.nio.ByteBuffer buf;

    Reader(byte[] data) {
      buf = java.nio.ByteBuffer.wrap(data);
    }

    int readUnsignedByte() {
      return buf.get() & 0xff;
    }

    boolean readBoolean() {
      return buf.get() != 0;
    }

    int readInt() {
      return buf.getInt();
    }

    long readLong() {
      return buf.getLong();
    }

    double readDouble() {
      return buf.getDouble();
    }

    void skip(int n) {
      buf.position(buf.position() + n);
    }

    String str() {
      int n = buf.getInt();
      String s = new String(buf.array(), buf.position(), n, StandardCharsets.UTF_8);
      buf.position(buf.position() + n);
      return s;
    }
  }

  /** SHA-256 of the encoded record, first 16 bytes in hex: what an incremental rebuild compares. */
  static String digest(byte[] encoded) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(encoded);
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK", e);
    }
  }

  private static void events(DataOutputStream out, List<PatientRecord.CodedEvent> es)
      throws IOException {
    out.writeInt(es.size());
    for (PatientRecord.CodedEvent e : es) {
      str(out, e.code());
      date(out, e.start());
      date(out, e.end());
      str(out, e.source());
    }
  }

  private static List<PatientRecord.CodedEvent> events(Reader in) {
    int n = in.readInt();
    List<PatientRecord.CodedEvent> es = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      es.add(new PatientRecord.CodedEvent(str(in), date(in), date(in), str(in)));
    }
    return es;
  }

  // writeUTF is limited to 64 KB; note texts can be longer.
  private static void str(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String str(Reader in) {
    return in.str();
  }

  private static void date(DataOutputStream out, LocalDate d) throws IOException {
    out.writeLong(d == null ? NO_DATE : d.toEpochDay());
  }

  private static LocalDate date(Reader in) {
    long v = in.readLong();
    return v == NO_DATE ? null : LocalDate.ofEpochDay(v);
  }
}
