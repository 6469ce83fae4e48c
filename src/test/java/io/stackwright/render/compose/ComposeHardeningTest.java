package io.stackwright.render.compose;

import static io.stackwright.render.compose.RenderedCompose.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackwright.model.Memory;
import io.stackwright.render.Labels;
import io.stackwright.stack.Stack;
import org.junit.jupiter.api.Test;

/** Every Compose service is confined as its pod is (rule {@code pod-security-restricted}). */
class ComposeHardeningTest {

  private static JsonNode web(Stack stack) {
    return RenderedCompose.of(stack).service("web");
  }

  @Test
  void aServiceRunsAsItsNumericUserWithNothingItNeedsNot() {
    Stack stack = TestServices.dev();
    TestServices.web("web").runAs(10001, 10002).addTo(stack);

    JsonNode web = web(stack);

    assertThat(web.path("user").asText()).isEqualTo("10001:10002");
    assertThat(web.path("read_only").isBoolean()).isTrue();
    assertThat(web.path("read_only").asBoolean()).isTrue();
    assertThat(texts(web.path("cap_drop"))).containsExactly("ALL");
    assertThat(texts(web.path("security_opt"))).containsExactly("no-new-privileges:true");
    assertThat(web.at("/labels/" + Labels.WRITABLE_ROOT.replace("/", "~1")).isMissingNode())
        .isTrue();
  }

  @Test
  void eachWritablePathIsATmpfsOfItsSizeInPathOrder() {
    Stack stack = TestServices.dev();
    TestServices.web("web")
        .writable("/tmp")
        .writableInMemory("/run/keys", Memory.mebibytes(16))
        .addTo(stack);

    assertThat(texts(web(stack).path("tmpfs"))).containsExactly("/run/keys:size=16m", "/tmp");
  }

  @Test
  void sharedMemoryIsSizedNotMountedAgain() {
    Stack sized = TestServices.dev();
    TestServices.web("web").writableInMemory("/dev/shm", Memory.mebibytes(256)).addTo(sized);
    Stack plain = TestServices.dev();
    TestServices.web("web").writable("/dev/shm").addTo(plain);

    assertThat(web(sized).path("shm_size").asText()).isEqualTo("256m");
    assertThat(web(sized).has("tmpfs")).isFalse();
    // Docker's own size.
    assertThat(web(plain).path("shm_size").asText()).isEqualTo("64m");
  }

  @Test
  void aWritableRootSaysWhyInALabel() {
    Stack stack = TestServices.dev();
    TestServices.web("web")
        .writableRootFilesystem("the image writes its pid file to /")
        .addTo(stack);

    JsonNode web = web(stack);

    assertThat(web.path("read_only").isBoolean()).isTrue();
    assertThat(web.path("read_only").asBoolean()).isFalse();
    assertThat(web.path("labels").path(Labels.WRITABLE_ROOT).asText())
        .isEqualTo("the image writes its pid file to /");
    assertThat(texts(web.path("cap_drop"))).containsExactly("ALL");
  }
}
