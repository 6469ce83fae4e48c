package example.team;

import io.stackwright.testing.DistSnapshot;
import org.junit.jupiter.api.Test;

/** The committed {@code dist/} is what a synth writes now, and it passes every validation layer. */
class TeamStackTest {

  @Test
  void distIsCurrentAndValid() {
    DistSnapshot.assertCurrent(new TeamStack());
  }
}
