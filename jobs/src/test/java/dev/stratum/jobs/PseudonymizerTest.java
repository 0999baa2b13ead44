package dev.stratum.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymizerTest {
  @TempDir Path tmp;

  @Test
  void matchesRfc4231TestCase6TruncatedTo128Bits() {
    // RFC 4231 section 4.7: key = 0xaa x 131, data = "Test Using Larger Than Block-Size Key -
    // Hash Key First", HMAC-SHA-256 = 60e431591ee0b67f0d8a26aacbf5b77f 8e0bc621...
    Pseudonymizer p = Pseudonymizer.ofHex("aa".repeat(131));
    assertEquals(
        "60e431591ee0b67f0d8a26aacbf5b77f",
        p.pseudonym("Test Using Larger Than Block-Size Key - Hash Key First"));
  }

  @Test
  void shortKeysAreRefusedAndTheKeyIsNeverPrinted() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Pseudonymizer.ofHex("ab".repeat(16)));
    assertTrue(e.getMessage().contains("at least 32 bytes, got 16"), e.getMessage());
    Pseudonymizer p = Pseudonymizer.ofHex("ab".repeat(32));
    assertTrue(!p.toString().contains("abab"), p.toString());
  }

  @Test
  void generatedKeyFileRoundTrips() {
    Path f = tmp.resolve("k/pseudonym.key");
    Pseudonymizer a = Pseudonymizer.generateKeyFile(f, new SecureRandom());
    Pseudonymizer b = Pseudonymizer.fromKeyFile(f);
    assertEquals(a.pseudonym("1001"), b.pseudonym("1001"));
    assertEquals(a.keyFingerprint(), b.keyFingerprint());
    assertTrue(Files.isRegularFile(f));
    assertThrows(
        RuntimeException.class, () -> Pseudonymizer.generateKeyFile(f, new SecureRandom()));
    Pseudonymizer other = Pseudonymizer.generateKeyFile(tmp.resolve("k2"), new SecureRandom());
    assertNotEquals(a.pseudonym("1001"), other.pseudonym("1001"));
  }
}
