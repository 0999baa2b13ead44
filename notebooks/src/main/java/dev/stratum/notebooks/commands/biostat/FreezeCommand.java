package dev.stratum.notebooks.commands.biostat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code freeze [--model FILE]}: the frozen stratification, i.e. the {@code model.json} the last
 * {@code stratify} of the session wrote (or the one named): its path, format and schema version,
 * method, k, seed, cluster sizes and SHA-256, which a design cites ({@code simulate --strata-from
 * FILE}) and a later run checks against.
 */
public final class FreezeCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "freeze",
              "[--model FILE]",
              "the frozen model.json of the last stratify: path, version, k, sizes, SHA-256")
          .withOptions("model");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    Path model =
        a.option("model")
            .map(Path::of)
            .or(() -> in.session().get(BiostatArgs.MODEL))
            .orElseThrow(
                () ->
                    InvalidInputException.ofArgument(
                        "stratify", "no stratification in this session yet; run stratify first"));
    if (!Files.isRegularFile(model)) {
      throw InvalidInputException.ofArgument("--model", "no such file: " + model);
    }
    byte[] bytes;
    JsonNode m;
    try {
      bytes = Files.readAllBytes(model);
      m = new ObjectMapper().readTree(bytes);
    } catch (IOException e) {
      throw InvalidInputException.ofArgument("--model", "cannot read " + model + ": " + e);
    }
    if (!"stratum-stratification-model".equals(m.path("format").asText())) {
      throw InvalidInputException.ofArgument(
          "--model", model + " is not a stratification model (format " + m.path("format") + ")");
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", model.toAbsolutePath().toString()));
    for (String f :
        List.of("format", "schema_version", "producer", "name", "method", "k", "seed")) {
      rows.add(List.of(f, m.path(f).asText()));
    }
    List<String> sizes = new ArrayList<>();
    m.path("cluster_sizes").forEach(n -> sizes.add(n.asText()));
    rows.add(List.of("cluster_sizes", String.join(",", sizes)));
    rows.add(List.of("training_agreement", m.path("training_agreement").asText()));
    String sha = sha256(bytes);
    rows.add(List.of("sha256", sha));
    return ParagraphOutput.of(
        Display.table(List.of("quantity", "value"), rows),
        Display.text(
            "frozen: "
                + model.toAbsolutePath()
                + " ("
                + m.path("format").asText()
                + " v"
                + m.path("schema_version").asText()
                + ", sha256 "
                + sha.substring(0, 12)
                + "); a design uses it with simulate --strata-from "
                + model.toAbsolutePath()));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new StratumException("no SHA-256 in this Java runtime", e);
    }
  }
}
