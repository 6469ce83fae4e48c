package io.stackwright.render.enrich;

import static io.stackwright.render.enrich.Rendered.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackwright.model.Memory;
import io.stackwright.render.Labels;
import io.stackwright.services.ScheduledTask;
import io.stackwright.stack.Stack;
import org.junit.jupiter.api.Test;

/**
 * Every container is confined as Pod Security "restricted" requires, its pod on Kubernetes and its
 * service on Compose alike (rule {@code pod-security-restricted}).
 */
class HardeningTest {

  private static JsonNode web(Stack stack) {
    return Rendered.of(stack).service("web");
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
  void itsPodIsConfinedAlike() {
    Stack stack = TestServices.dev();
    TestServices.web("web").runAs(10001, 10002).addTo(stack);

    JsonNode pod = Rendered.of(stack).find("Deployment", "web").at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0/securityContext");

    assertThat(pod.at("/securityContext/runAsNonRoot").booleanValue()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").intValue()).isEqualTo(10001);
    assertThat(pod.at("/securityContext/fsGroup").intValue()).isEqualTo(10002);
    assertThat(container.at("/runAsUser").intValue()).isEqualTo(10001);
    assertThat(container.at("/allowPrivilegeEscalation").booleanValue()).isFalse();
    assertThat(container.at("/privileged").booleanValue()).isFalse();
    assertThat(container.at("/capabilities/drop")).hasToString("[\"ALL\"]");
    assertThat(container.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(container.at("/readOnlyRootFilesystem").booleanValue()).isTrue();
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
  void eachWritablePathIsAnEmptyDirOfItsSize() {
    Stack stack = TestServices.dev();
    TestServices.web("web")
        .writable("/tmp")
        .writableInMemory("/run/keys", Memory.mebibytes(16))
        .addTo(stack);

    JsonNode pod = Rendered.of(stack).find("Deployment", "web").at("/spec/template/spec");

    assertThat(pod.at("/containers/0/volumeMounts"))
        .contains(
            json("{\"mountPath\":\"/run/keys\",\"name\":\"run-keys\"}"),
            json("{\"mountPath\":\"/tmp\",\"name\":\"tmp\"}"));
    assertThat(pod.at("/volumes"))
        .contains(
            json(
                "{\"emptyDir\":{\"medium\":\"Memory\",\"sizeLimit\":\"16Mi\"},\"name\":\"run-keys\"}"),
            json("{\"emptyDir\":{},\"name\":\"tmp\"}"));
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
  void aWritableRootSaysWhyBesideIt() {
    Stack stack = TestServices.dev();
    TestServices.web("web")
        .writableRootFilesystem("the image writes its pid file to /")
        .addTo(stack);

    Rendered rendered = Rendered.of(stack);
    JsonNode web = rendered.service("web");
    JsonNode template = rendered.find("Deployment", "web").at("/spec/template");

    assertThat(web.path("read_only").isBoolean()).isTrue();
    assertThat(web.path("read_only").asBoolean()).isFalse();
    assertThat(web.path("labels").path(Labels.WRITABLE_ROOT).asText())
        .isEqualTo("the image writes its pid file to /");
    assertThat(texts(web.path("cap_drop"))).containsExactly("ALL");
    assertThat(template.at("/metadata/annotations").path(Labels.WRITABLE_ROOT).asText())
        .isEqualTo("the image writes its pid file to /");
    assertThat(template.at("/spec/containers/0/securityContext/readOnlyRootFilesystem").asBoolean())
        .isFalse();
  }

  @Test
  void theNamespaceEnforcesAuditsAndWarnsAtRestricted() {
    Stack stack = TestServices.dev();
    TestServices.web("web").addTo(stack);

    JsonNode labels = Rendered.of(stack).find("Namespace", "demo-dev").at("/metadata/labels");

    for (String mode : new String[] {"enforce", "audit", "warn"}) {
      assertThat(labels.path("pod-security.kubernetes.io/" + mode).asText())
          .isEqualTo("restricted");
      assertThat(labels.path("pod-security.kubernetes.io/" + mode + "-version").asText())
          .isEqualTo("v1.33");
    }
  }

  @Test
  void aJobIsConfinedAsItsServiceAndWritesToTmpAlone() {
    Stack stack = TestServices.dev();
    TestServices.web("web")
        .runAs(10001, 10002)
        .job(ScheduledTask.builder("report", "0 6 * * *").command("report").build())
        .addTo(stack);

    JsonNode pod =
        Rendered.of(stack).find("CronJob", "web-report").at("/spec/jobTemplate/spec/template/spec");

    assertThat(pod.at("/securityContext/runAsUser").intValue()).isEqualTo(10001);
    assertThat(pod.at("/containers/0/securityContext/capabilities/drop")).hasToString("[\"ALL\"]");
    assertThat(pod.at("/containers/0/volumeMounts").toString())
        .isEqualTo("[{\"mountPath\":\"/tmp\",\"name\":\"tmp\"}]");
  }

  /** A JSON value, compared as a tree: the order of an object's fields is the YAML writer's. */
  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
