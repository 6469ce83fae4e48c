package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.model.ConfigChecker;
import io.stackwright.model.StackModel;
import io.stackwright.services.GenericService;
import io.stackwright.stack.Stack;
import io.stackwright.synth.Synthesizer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A stack's own config file names its checker as the flagship services do, and the gate runs the
 * program on it: a layer of its own, skipped with a word when the program is missing, required in
 * strict mode.
 */
class ProgramLayersTest {
  private static final String GOOD =
      "pid /tmp/nginx.pid;\n"
          + "events {}\n"
          + "http {\n"
          // Set, as the generated files set them: Debian's built-in ones are not the image's.
          + "  client_body_temp_path /tmp/client_temp;\n"
          + "  proxy_temp_path /tmp/proxy_temp;\n"
          + "  fastcgi_temp_path /tmp/fastcgi_temp;\n"
          + "  uwsgi_temp_path /tmp/uwsgi_temp;\n"
          + "  scgi_temp_path /tmp/scgi_temp;\n"
          + "  access_log /dev/stdout;\n"
          + "  server {\n"
          + "    listen 8080;\n"
          + "    location / { return 204; }\n"
          + "  }\n"
          + "}\n";

  private static StackModel stack(String nginxConf, ConfigChecker checker) {
    Stack stack = new Stack("demo", "dev", "demo-dev", true);
    GenericService.builder("proxy")
        .image("ghcr.io/acme/proxy:1.0.0")
        .port("http", 8080)
        .httpProbe("/", "http")
        .config("/etc/nginx/nginx.conf", nginxConf, checker)
        .addTo(stack);
    return stack.toModel();
  }

  private static Subject subject(StackModel stack) {
    return new Subject(
        stack.environment(),
        "environments/dev.yaml",
        stack.development(),
        Set.of(),
        List.of(),
        Synthesizer.render(stack),
        GeneratedConfig.of(stack));
  }

  /** Only the real programs: kubeconform and the Compose CLI are left out, for speed. */
  private static ValidationReport check(StackModel stack, Programs programs, ValidationMode mode) {
    return new ValidationGate(new Tools(null, null, List.of(), programs), mode)
        .check(List.of(subject(stack)));
  }

  @Test
  void aStacksOwnFileIsCheckedByTheProgramItNames() {
    Programs programs = InstalledTools.requirePrograms(Programs::nginxMissing);

    ValidationReport good = check(stack(GOOD, ConfigChecker.NGINX), programs, ValidationMode.AUTO);
    ValidationReport bad =
        check(
            stack(GOOD.replace("return 204;", "retrun 204;"), ConfigChecker.NGINX),
            programs,
            ValidationMode.AUTO);

    assertThat(good.ran()).contains(Layer.NGINX);
    assertThat(good.passed()).as("%s", good.failureLines()).isTrue();
    assertThat(bad.passed()).isFalse();
    assertThat(bad.environments().get(0).findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.layer()).isEqualTo(Layer.NGINX);
              assertThat(f.file()).isEqualTo("compose/config/proxy/nginx.conf");
              assertThat(f.message()).contains("unknown directive \"retrun\"");
            });
  }

  @Test
  void aFileThatNamesNoCheckerIsNotRun() {
    ValidationReport report =
        check(
            stack("not nginx at all", ConfigChecker.NONE), Programs.none(), ValidationMode.STRICT);

    assertThat(report.ran()).doesNotContain(Layer.NGINX);
    assertThat(report.skipped()).doesNotContainKey(Layer.NGINX);
  }

  @Test
  void aMissingProgramSkipsItsLayerWithAWord() {
    ValidationReport report =
        check(stack(GOOD, ConfigChecker.NGINX), Programs.none(), ValidationMode.AUTO);

    assertThat(report.passed()).isTrue();
    assertThat(report.ran()).doesNotContain(Layer.NGINX);
    assertThat(report.skipNotices())
        .contains(
            "skipped the nginx layer: nginx not found (-Dstackwright.nginx, <tools>/bin/nginx,"
                + " PATH, /usr/sbin); "
                + Tools.INSTALL_HINT);
  }

  @Test
  void aMissingProgramFailsAStrictSynth() {
    ValidationReport report =
        check(stack(GOOD, ConfigChecker.NGINX), Programs.none(), ValidationMode.STRICT);

    assertThat(report.passed()).isFalse();
    assertThat(report.failureLines())
        .anyMatch(l -> l.startsWith("required layer nginx cannot run"));
  }

  @Test
  void eachTargetsFileIsCheckedOnceWhenTheyDiffer() {
    Stack stack = new Stack("demo", "dev", "demo-dev", true);
    GenericService.builder("proxy")
        .image("ghcr.io/acme/proxy:1.0.0")
        .port("http", 8080)
        .httpProbe("/", "http")
        .config("/etc/nginx/nginx.conf", GOOD, GOOD + "# compose\n", ConfigChecker.NGINX)
        .config("/etc/proxy/other.conf", "same", ConfigChecker.NGINX)
        .addTo(stack);

    assertThat(GeneratedConfig.of(stack.toModel()))
        .extracting(GeneratedConfig::file, GeneratedConfig::object)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("compose/config/proxy/nginx.conf", ""),
            org.assertj.core.groups.Tuple.tuple("proxy.yaml", "ConfigMap/proxy-config"),
            org.assertj.core.groups.Tuple.tuple("compose/config/proxy/other.conf", ""));
  }
}
