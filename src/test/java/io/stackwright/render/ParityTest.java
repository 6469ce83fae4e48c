package io.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stackwright.output.SynthOutput;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.stack.ShopStack;
import io.stackwright.synth.Environments;
import io.stackwright.synth.Synthesizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compose and Kubernetes carry the same services, ports, environment variable names, health checks
 * and dependencies, read back from the rendered files of every environment, not from the model both
 * were made from.
 */
class ParityTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path PROJECT = Path.of(System.getProperty("stackwright.projectDir", "."));

  static List<String> environments() {
    return new Environments(PROJECT).names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environments")
  void bothTargetsAgree(String environment) throws Exception {
    SynthOutput output =
        new Synthesizer<>(new ShopStack(), PROJECT, name -> null)
            .renderWithoutGate(List.of(environment))
            .get(0);
    JsonNode compose = YAML.readTree(output.files().get(ComposeRenderer.COMPOSE_FILE));
    List<JsonNode> objects = manifests(output);

    Map<String, JsonNode> workloads = new TreeMap<>();
    for (JsonNode object : objects) {
      String kind = object.path("kind").asText();
      if (kind.equals("Deployment") || kind.equals("StatefulSet")) {
        workloads.put(object.at("/metadata/name").asText(), object);
      }
    }
    Set<String> composeServices = new TreeSet<>();
    compose.path("services").fieldNames().forEachRemaining(composeServices::add);
    Set<String> composeOnly = new TreeSet<>(composeServices);
    composeOnly.removeAll(workloads.keySet());

    assertThat(composeServices).containsAll(workloads.keySet());
    for (String tool : composeOnly) {
      assertThat(compose.at("/services/" + tool + "/profiles/0").asText())
          .as("%s only runs in Compose, so it must be an opt-in development tool", tool)
          .isEqualTo("devtools");
    }

    for (Map.Entry<String, JsonNode> entry : workloads.entrySet()) {
      String name = entry.getKey();
      JsonNode pod = entry.getValue().at("/spec/template/spec");
      JsonNode container = pod.at("/containers/0");
      JsonNode service = compose.at("/services/" + name);

      assertThat(envNames(objects, name, container))
          .as("%s: environment variable names", name)
          .isEqualTo(fieldNames(service.path("environment")));
      assertThat(text(container.path("command")))
          .as("%s: entrypoint", name)
          .isEqualTo(text(service.path("entrypoint")));
      assertThat(text(container.path("args")))
          .as("%s: arguments", name)
          .isEqualTo(text(service.path("command")));
      assertThat(healthCheck(container.path("readinessProbe")))
          .as("%s: the Compose health check tests what the readiness probe tests", name)
          .isEqualTo(composeHealthCheck(service.path("healthcheck")));
      assertThat(dependencies(objects, name))
          .as("%s: dependencies (network policy egress vs depends_on)", name)
          .isEqualTo(fieldNames(service.path("depends_on")));
      assertThat(composePeers(compose, name, workloads.keySet()))
          .as("%s: who it may talk to (Compose networks vs network policies)", name)
          .isEqualTo(policyPeers(objects, name, workloads.keySet()));
      assertThat(mountedFiles(container))
          .as("%s: secret and config files", name)
          .isEqualTo(composeFiles(service));
      for (JsonNode port : container.path("ports")) {
        int number = port.path("containerPort").asInt();
        assertThat(servicePorts(objects, name)).as("%s: Service ports", name).contains(number);
        if (service.has("healthcheck") && container.at("/readinessProbe/httpGet").isObject()) {
          assertThat(service.at("/healthcheck/test").toString()).contains(":" + number);
        }
      }
    }
  }

  private static List<JsonNode> manifests(SynthOutput output) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : output.files().entrySet()) {
      if (!file.getKey().contains("/")) {
        try (var parser = YAML.getFactory().createParser(file.getValue())) {
          all.addAll(YAML.readValues(parser, JsonNode.class).readAll());
        }
      }
    }
    return all;
  }

  private static Set<String> envNames(List<JsonNode> objects, String name, JsonNode container) {
    Set<String> names = new TreeSet<>();
    for (JsonNode source : container.path("envFrom")) {
      String configMap = source.at("/configMapRef/name").asText();
      for (JsonNode object : objects) {
        if (object.path("kind").asText().equals("ConfigMap")
            && object.at("/metadata/name").asText().equals(configMap)) {
          object.path("data").fieldNames().forEachRemaining(names::add);
        }
      }
    }
    container.path("env").forEach(env -> names.add(env.path("name").asText()));
    return names;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> text(JsonNode array) {
    List<String> out = new ArrayList<>();
    // Compose doubles every $ so that it is not interpolated.
    array.forEach(item -> out.add(item.asText().replace("$$", "$")));
    return out;
  }

  /** What a probe tests: the HTTP port and path, or the command. */
  private static String healthCheck(JsonNode probe) {
    if (probe.has("httpGet")) {
      return "http://127.0.0.1:"
          + probe.at("/httpGet/port").asText()
          + probe.at("/httpGet/path").asText();
    }
    return String.join(" ", text(probe.at("/exec/command")));
  }

  private static String composeHealthCheck(JsonNode check) {
    List<String> test = text(check.path("test"));
    assertThat(test.get(0)).isEqualTo("CMD");
    if (test.get(1).equals("wget")) {
      return test.get(test.size() - 1);
    }
    return String.join(" ", test.subList(1, test.size()));
  }

  /** The services a workload's network policy lets it reach, apart from DNS and the API. */
  private static Set<String> dependencies(List<JsonNode> objects, String name) {
    Set<String> targets = new TreeSet<>();
    for (JsonNode object : objects) {
      if (object.path("kind").asText().equals("NetworkPolicy")
          && object.at("/metadata/name").asText().equals(name)) {
        for (JsonNode rule : object.at("/spec/egress")) {
          for (JsonNode peer : rule.path("to")) {
            String target = peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText();
            if (!target.isEmpty()) {
              targets.add(target);
            }
          }
        }
      }
    }
    // The scraper reaches every metrics port without waiting for those services to start.
    if (name.equals("prometheus")) {
      return Set.of();
    }
    return targets;
  }

  /** The workloads sharing an internal network with {@code name} in Compose. */
  private static Set<String> composePeers(JsonNode compose, String name, Set<String> workloads) {
    Set<String> mine = new TreeSet<>(text(compose.at("/services/" + name + "/networks")));
    mine.removeIf(network -> !compose.at("/networks/" + network + "/internal").asBoolean());
    Set<String> peers = new TreeSet<>();
    compose
        .path("services")
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals(name) && workloads.contains(e.getKey())) {
                for (JsonNode network : e.getValue().path("networks")) {
                  if (mine.contains(network.asText())) {
                    peers.add(e.getKey());
                  }
                }
              }
            });
    return peers;
  }

  /** The workloads {@code name}'s network policy lets it send to or receive from. */
  private static Set<String> policyPeers(
      List<JsonNode> objects, String name, Set<String> workloads) {
    Set<String> peers = new TreeSet<>();
    for (JsonNode object : objects) {
      if (object.path("kind").asText().equals("NetworkPolicy")
          && object.at("/metadata/name").asText().equals(name)) {
        for (String path : List.of("/spec/egress", "/spec/ingress")) {
          for (JsonNode rule : object.at(path)) {
            for (JsonNode peer : rule.path(path.endsWith("egress") ? "to" : "from")) {
              String pods = peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText();
              if (workloads.contains(pods) && !peer.has("namespaceSelector")) {
                peers.add(pods);
              }
            }
          }
        }
      }
    }
    return peers;
  }

  private static Set<Integer> servicePorts(List<JsonNode> objects, String name) {
    Set<Integer> ports = new TreeSet<>();
    for (JsonNode object : objects) {
      if (object.path("kind").asText().equals("Service")
          && object.at("/metadata/name").asText().equals(name)) {
        object.at("/spec/ports").forEach(port -> ports.add(port.path("targetPort").asInt()));
      }
    }
    return ports;
  }

  private static Set<String> mountedFiles(JsonNode container) {
    Set<String> paths = new TreeSet<>();
    for (JsonNode mount : container.path("volumeMounts")) {
      if (mount.has("subPath")) {
        paths.add(mount.path("mountPath").asText());
      }
    }
    return paths;
  }

  private static Set<String> composeFiles(JsonNode service) {
    Set<String> paths = new TreeSet<>();
    service.path("secrets").forEach(secret -> paths.add("/run/secrets/" + secret.asText()));
    service.path("configs").forEach(config -> paths.add(config.path("target").asText()));
    return paths;
  }
}
