package io.stackwright.services;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.stack.Stack;
import org.junit.jupiter.api.Test;

/** The frontend's own checks, before anything is added to the stack. */
class FrontendTest {
  @Test
  void missingPropsAreABadValueNamingWhatIsMissingNotAnInternalError() {
    Stack stack = new Stack("shop", "dev", "shop-dev", true);

    // A props record whose frontend section the environment file left out holds null here.
    assertThatThrownBy(() -> new Frontend(stack, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Frontend: props is null; give the environment file its section, with at least an"
                + " image");
  }
}
