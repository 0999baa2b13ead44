package dev.stratum.jobs;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for patient identifiers: {@code HMAC-SHA256(key, source id)} truncated to 128
 * bits and written as 32 lower-case hex digits (HMAC, Krawczyk, Bellare and Canetti, RFC 2104,
 * 1997; truncation to at least half the output length is allowed by section 5 of the RFC).
 *
 * <p>The same source id always maps to the same pseudonym under the same key, so OMOP tables, VCF
 * sample columns and omics sample columns join on the pseudonym; without the key the mapping cannot
 * be recomputed or reversed. The key never appears in {@link #toString()}, logs or the manifest:
 * the manifest carries only {@link #keyFingerprint()}, an HMAC of a fixed label, which tells two
 * keys apart without revealing either.
 */
public final class Pseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Environment variable holding the key (hex, at least 32 bytes = 64 hex digits). */
  public static final String KEY_ENV = "STRATUM_PSEUDONYM_KEY";

  /** Minimum key length in bytes (the HMAC-SHA256 block output length). */
  public static final int MIN_KEY_BYTES = 32;

  private final byte[] key;
  private transient ThreadLocal<Mac> mac;

  private Pseudonymizer(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw InvalidInputException.ofArgument(
          "pseudonym key",
          "must be at least " + MIN_KEY_BYTES + " bytes, got " + key.length + " bytes");
    }
    this.key = key.clone();
  }

  /** A pseudonymizer for a raw key of at least 32 bytes. */
  public static Pseudonymizer ofKey(byte[] key) {
    return new Pseudonymizer(key);
  }

  /** A pseudonymizer for a key written as hex digits (at least 64). */
  public static Pseudonymizer ofHex(String hexKey) {
    try {
      return new Pseudonymizer(HexFormat.of().parseHex(hexKey.strip()));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument("pseudonym key", "not a hex string");
    }
  }

  /** Reads a key file: hex digits on the first line (as {@link #generateKeyFile} writes). */
  public static Pseudonymizer fromKeyFile(Path file) {
    try {
      return ofHex(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw InvalidInputException.at(file.toString(), 0, null, "cannot read key file: " + e);
    }
  }

  /**
   * The key from configuration: the {@value #KEY_ENV} environment variable when set, else the key
   * file when given; otherwise an {@link InvalidInputException} telling the user how to set one.
   */
  public static Pseudonymizer fromEnvironment(Path keyFileOrNull) {
    String env = System.getenv(KEY_ENV);
    if (env != null && !env.isBlank()) {
      return ofHex(env);
    }
    if (keyFileOrNull != null) {
      return fromKeyFile(keyFileOrNull);
    }
    throw InvalidInputException.ofArgument(
        "--key-file",
        "no pseudonym key: set "
            + KEY_ENV
            + " (64+ hex digits) or pass --key-file FILE (see docs/feature-store.md)");
  }

  /**
   * Writes a fresh random 256-bit key (SecureRandom) as hex to {@code file}, readable by the owner
   * only where the file system supports POSIX permissions, and fails if the file exists. For demos:
   * real deployments keep the key outside the data directories.
   */
  public static Pseudonymizer generateKeyFile(Path file, SecureRandom random) {
    byte[] k = new byte[MIN_KEY_BYTES];
    random.nextBytes(k);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file,
          HexFormat.of().formatHex(k) + "\n",
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the caller's umask applies
      }
    } catch (IOException e) {
      throw new StratumException("cannot write key file " + file + ": " + e, e);
    }
    return new Pseudonymizer(k);
  }

  private Mac mac() {
    if (mac == null) {
      mac =
          ThreadLocal.withInitial(
              () -> {
                try {
                  Mac m = Mac.getInstance("HmacSHA256");
                  m.init(new SecretKeySpec(key, "HmacSHA256"));
                  return m;
                } catch (GeneralSecurityException e) {
                  throw new IllegalStateException("HmacSHA256 unavailable", e);
                }
              });
    }
    return mac.get();
  }

  /** The pseudonym of a source identifier (32 hex digits); null for null. */
  public String pseudonym(String sourceId) {
    if (sourceId == null) {
      return null;
    }
    byte[] h = mac().doFinal(sourceId.strip().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h, 0, 16);
  }

  /**
   * A key for another purpose derived from the pseudonym key, {@code HMAC-SHA256(key,
   * "stratum:derive:" + purpose)} (32 bytes; the HMAC-based key derivation of Krawczyk,
   * "Cryptographic extraction and key derivation: the HKDF scheme", CRYPTO 2010, expand step with
   * one block). The note de-identifier's date shifts use {@code deriveKey("date-shift")}, so one
   * secret serves both without the date-shift key revealing pseudonyms.
   */
  public byte[] deriveKey(String purpose) {
    Mac m = mac();
    return m.doFinal(("stratum:derive:" + purpose).getBytes(StandardCharsets.UTF_8));
  }

  /** HMAC of a fixed label: identifies the key in manifests without revealing it. */
  public String keyFingerprint() {
    return pseudonym("stratum:key-fingerprint").substring(0, 16);
  }

  @Override
  public String toString() {
    return "Pseudonymizer[key=" + keyFingerprint() + "]";
  }
}
