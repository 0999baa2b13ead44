package dev.stratum.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.trust.Representativeness.Demographics;
import dev.stratum.trust.Representativeness.Flag;
import dev.stratum.trust.Representativeness.Group;
import dev.stratum.trust.Representativeness.Report;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepresentativenessTest {

  private static List<Demographics> people(int female, int male, int age) {
    List<Demographics> out = new ArrayList<>();
    for (int i = 0; i < female; i++) {
      out.add(new Demographics("female", "White", "", age));
    }
    for (int i = 0; i < male; i++) {
      out.add(new Demographics("male", "Asian", "Not Hispanic or Latino", age));
    }
    return out;
  }

  private static Group find(Report r, String dim, String group) {
    return r.groups().stream()
        .filter(g -> g.dimension().equals(dim) && g.group().equals(group))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void katzIntervalAndFlags() {
    // Pool: 20 women of 100; reference: 300 women of 1000. PPR = 0.2 / 0.3 = 2/3.
    // Katz et al. (1978): exp(log(2/3) +/- 1.959964 sqrt(1/20 - 1/100 + 1/300 - 1/1000))
    // = [0.445424, 0.997801] (evaluated in Python 3 with math.exp/log/sqrt).
    List<Demographics> pool = people(20, 80, 70);
    List<Demographics> ref = people(300, 700, 50);
    Report r = Representativeness.of(pool, ref, 0.95);
    Group f = find(r, "sex", "female");
    assertEquals(2.0 / 3, f.ratio(), 1e-12);
    assertEquals(0.4454238456891294, f.lower(), 1e-9);
    assertEquals(0.9978011926075273, f.upper(), 1e-9);
    assertEquals(Flag.UNDER, f.flag());
    assertEquals(Flag.ADEQUATE, find(r, "sex", "male").flag()); // 0.8 / 0.7 = 1.143
    assertEquals(Flag.OVER, find(r, "age_group", "65-74").flag()); // absent from the reference
    assertEquals(Double.NaN, find(r, "age_group", "65-74").ratio());
    assertEquals(Flag.UNDER, find(r, "age_group", "45-64").flag()); // 0 of 100 vs all
    assertEquals("unknown", find(r, "ethnicity", "unknown").group());
    assertEquals(List.of("sex", "race", "ethnicity", "age_group"), Representativeness.DIMENSIONS);
  }

  @Test
  void aGroupAbsentFromThePoolGetsAHaldaneUpperLimit() {
    // 0 of 100 in the pool vs 50 of 1000: Haldane 0.5 for the zero count, upper limit
    // exp(log(0.005/0.05) + 1.959964 sqrt(1/0.5 - 1/100 + 1/50 - 1/1000)) = 1.608741 (Python 3).
    List<Demographics> pool = people(0, 100, 30);
    List<Demographics> ref = people(50, 950, 30);
    Group f = find(Representativeness.of(pool, ref, 0.95), "sex", "female");
    assertEquals(0.0, f.ratio());
    assertEquals(0.0, f.lower());
    assertEquals(1.6087413812907532, f.upper(), 1e-9);
    assertEquals(Flag.UNDER, f.flag());
  }

  @Test
  void validates() {
    assertThrows(
        InvalidInputException.class,
        () -> Representativeness.of(people(1, 1, 30), List.of(), 0.95));
    assertThrows(
        InvalidInputException.class,
        () -> Representativeness.of(people(1, 1, 30), people(1, 1, 30), 1.0));
    assertEquals("75+", new Demographics("f", "", "", 80).ageGroup());
    assertEquals("<18", new Demographics("f", "", "", 17).ageGroup());
    assertEquals("unknown", new Demographics("f", "", "", -1).ageGroup());
  }
}
