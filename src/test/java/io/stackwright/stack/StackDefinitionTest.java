package io.stackwright.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link StackDefinition#propsType()}'s default: the type argument the class gives. */
class StackDefinitionTest {

  /**
   * The settings of the test stacks.
   *
   * @param replicas replicas
   */
  record Settings(Integer replicas) {}

  /**
   * Other settings.
   *
   * @param image an image
   */
  record Other(String image) {}

  /** A definition that names nothing but its settings' type argument. */
  static final class Direct implements StackDefinition<Settings> {
    @Override
    public String name() {
      return "direct";
    }

    @Override
    public void define(Stack stack, Settings props) {}
  }

  /** A base class shared by stacks with different settings. */
  abstract static class Base<T extends Record> implements StackDefinition<T> {
    @Override
    public String name() {
      return "base";
    }

    @Override
    public void define(Stack stack, T props) {}
  }

  /** Binds the base's type variable. */
  static final class ThroughBase extends Base<Settings> {}

  /** An interface of a team's own that fixes the settings. */
  interface TeamDefinition extends StackDefinition<Settings> {}

  /** Implements that interface. */
  static final class ThroughInterface implements TeamDefinition {
    @Override
    public String name() {
      return "team";
    }

    @Override
    public void define(Stack stack, Settings props) {}
  }

  /** Leaves the type argument to whoever makes an instance, which erasure forgets. */
  static final class Unbound<T extends Record> implements StackDefinition<T> {
    @Override
    public String name() {
      return "unbound";
    }

    @Override
    public void define(Stack stack, T props) {}
  }

  @Test
  void theTypeArgumentOfTheClassIsThePropsType() {
    assertThat(new Direct().propsType()).isEqualTo(Settings.class);
  }

  @Test
  void anAnonymousClassWithTheDiamondGivesItsInferredArgument() {
    StackDefinition<Other> anonymous =
        new StackDefinition<>() {
          @Override
          public String name() {
            return "anonymous";
          }

          @Override
          public void define(Stack stack, Other props) {}
        };

    assertThat(anonymous.propsType()).isEqualTo(Other.class);
  }

  @Test
  void aGenericBaseClassOrAnInterfaceInBetweenIsFollowed() {
    assertThat(new ThroughBase().propsType()).isEqualTo(Settings.class);
    assertThat(new ThroughInterface().propsType()).isEqualTo(Settings.class);
  }

  @Test
  void anUnboundTypeArgumentIsRefusedWithTheClassAndTheFix() {
    assertThatThrownBy(() -> new Unbound<Settings>().propsType())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Unbound.class.getName())
        .hasMessageContaining("(it is T)")
        .hasMessageContaining("override propsType()");
  }

  @Test
  @SuppressWarnings({"rawtypes", "unchecked"})
  void aRawTypeIsRefused() {
    StackDefinition raw =
        new StackDefinition() {
          @Override
          public String name() {
            return "raw";
          }

          @Override
          public void define(Stack stack, Record props) {}
        };

    assertThatThrownBy(raw::propsType)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("raw type");
  }

  /** Leaves the type argument unbound, and so names the type itself. */
  static final class Explicit<T extends Record> implements StackDefinition<T> {
    private final Class<T> type;

    Explicit(Class<T> type) {
      this.type = type;
    }

    @Override
    public Class<T> propsType() {
      return type;
    }

    @Override
    public String name() {
      return "explicit";
    }

    @Override
    public void define(Stack stack, T props) {}
  }

  @Test
  void anOverrideStillDecides() {
    assertThat(new Explicit<>(Other.class).propsType()).isEqualTo(Other.class);
  }
}
