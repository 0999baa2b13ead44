package dev.stratum.notebooks.commands.recruiter;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.jobs.ReidentificationMap;
import dev.stratum.matching.MatchResult;
import dev.stratum.notebooks.commands.store.StoreArgs;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import dev.stratum.trust.AuditEvent;
import dev.stratum.trust.AuditLog;
import dev.stratum.trust.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code match}: the CLI's {@code stratum match} over a patient index ({@code dev.stratum.matching
 * .Matcher}): counts per status, the screening funnel (table and SVG chart), and the ranked
 * patients with every criterion's result and evidence, as the paragraph's role may see them: the
 * recruiter with source person ids from the store's re-identification map when it can read it
 * (audited as a re-identification), the biostatistician with pseudonyms, counts-only with
 * suppressed counts and no patients. {@code --representativeness} adds the eligible pool's
 * composition against the trial's condition population ({@link RepresentativenessView}).
 */
public final class MatchCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "match",
              "[--index DIR] [--trial FILE | --criteria FILE | --text TEXT] [--as-of D] [--limit"
                  + " N] [--query LUCENE] [--store DIR] [--representativeness]",
              "eligible patients with per-criterion evidence and the screening funnel (text box"
                  + " for the criteria when none given); --representativeness: the pool's"
                  + " composition by sex, race, ethnicity and age group with under-representation"
                  + " flags")
          .withOptions(MatchArgs.OPTIONS)
          .withFlags(MatchArgs.FLAGS);

  /** The file {@code stratum index} writes into an index naming the store it was built from. */
  static final String STORE_FILE = "stratum-store.path";

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    boolean rep = a.flag("representativeness");
    MatchArgs.Match m = MatchArgs.match(in, a, 20, rep);
    RepresentativenessView composition = rep ? RepresentativenessView.of(m) : null;
    MatchResult full = m.result();
    int limit = m.options().limit();
    MatchResult r =
        new MatchResult(
            full.trialId(),
            full.snapshotId(),
            full.evaluationDate(),
            full.counts(),
            full.funnel(),
            full.patients().subList(0, Math.min(limit, full.patients().size())),
            full.criteria());
    Role role = StoreArgs.role(in);
    MatchView v = MatchView.of(r, role);
    List<Display> out = new ArrayList<>();
    if (role.mayReidentify() && !r.patients().isEmpty()) {
      Optional<MatchResult> withSource = reidentify(in, a, m.index(), r, out);
      if (withSource.isPresent()) {
        v = v.reidentified(withSource.get());
      }
    }
    in.session().put(MatchView.LAST, v);
    out.add(v.countsTable());
    out.add(v.funnelTable());
    out.add(v.funnelChart());
    if (!v.suppressed()) {
      out.add(v.patientsTable());
    }
    out.add(v.summary());
    if (composition != null) {
      out.add(composition.table(v.suppressed() ? v.eligibleCell() : null));
      out.add(composition.summary(v.suppressed() ? v.eligibleCell() : null));
    }
    return new ParagraphOutput(out);
  }

  /**
   * The recruiter's view: pseudonyms replaced by source ids from the re-identification map of the
   * result's snapshot, and a {@code reidentify} audit entry naming the pseudonyms resolved. When no
   * store is known or its map cannot be read (a deployment gives recruiters read access to {@code
   * STORE/reid/}, docs/privacy.md), the patients stay pseudonyms and a notice says why.
   */
  static Optional<MatchResult> reidentify(
      Invocation in, Arguments a, Path index, MatchResult r, List<Display> notices) {
    Optional<Path> store = storeOf(in, a, index);
    Path map = store.map(s -> ReidentificationMap.file(s, r.snapshotId())).orElse(null);
    if (map == null || !Files.isReadable(map)) {
      notices.add(
          Display.text(
              "recruiter: "
                  + (map == null
                      ? "no feature store known for index " + index + " (give --store DIR)"
                      : "the re-identification map " + map + " is not readable")
                  + "; patients are shown as pseudonyms"));
      return Optional.empty();
    }
    List<String> pseudonyms =
        r.patients().stream().map(MatchResult.PatientMatch::personId).toList();
    Map<String, String> source = new HashMap<>();
    for (String p : pseudonyms) {
      source.put(
          p,
          ReidentificationMap.lookup(store.get(), r.snapshotId(), p)
              .orElseThrow(
                  () ->
                      InvalidInputException.at(
                          map.toString(),
                          0,
                          null,
                          "pseudonym "
                              + p
                              + " of the index is not in the re-identification map of snapshot "
                              + r.snapshotId())));
    }
    AuditLog.at(in.settings().trustConfig().auditLog())
        .append(
            new AuditEvent(
                in.settings().auditUser(),
                Role.RECRUITER,
                AuditEvent.Action.REIDENTIFY,
                "notebook match",
                AuditEvent.sha256("reidentify " + r.snapshotId() + " " + r.trialId()),
                Map.of("reidentified", pseudonyms.size()),
                pseudonyms));
    return Optional.of(r.mapPatients(p -> true, p -> p.withPersonId(source.get(p.personId()))));
  }

  /**
   * The feature store of the index: {@code --store}, the session's open store or the {@code
   * stratum.store} setting; else the store {@code stratum index} recorded in the index; else a
   * {@code store} folder beside the index (the layout {@code stratum demo} writes).
   */
  static Optional<Path> storeOf(Invocation in, Arguments a, Path index) {
    Optional<Path> given = StoreArgs.storeDir(in, a);
    if (given.isPresent()) {
      return given;
    }
    Path recorded = index.resolve(STORE_FILE);
    if (Files.isRegularFile(recorded)) {
      try {
        String s = Files.readString(recorded, StandardCharsets.UTF_8).strip();
        if (!s.isEmpty()) {
          return Optional.of(Path.of(s));
        }
      } catch (IOException e) {
        throw InvalidInputException.at(recorded.toString(), 0, null, "cannot read: " + e);
      }
    }
    Path parent = index.toAbsolutePath().normalize().getParent();
    Path beside = parent == null ? null : parent.resolve("store");
    if (beside != null && Files.isDirectory(beside)) {
      try {
        FeatureStore.open(beside);
        return Optional.of(beside);
      } catch (RuntimeException e) {
        return Optional.empty(); // not a feature store
      }
    }
    return Optional.empty();
  }
}
