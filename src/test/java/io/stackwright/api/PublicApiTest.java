package io.stackwright.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.cli.Main;
import io.stackwright.validate.InstalledTools;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the public surface. Java's package-private cannot cross packages, so the library's internals
 * (renderers, validation, output, loading) are public for each other; this test keeps the two
 * apart. Every public top-level type is either {@link #API} (documented, for stacks of one's own)
 * or {@link #INTERNAL} (no compatibility promise); a new public type fails here until it is
 * classified, so the surface cannot grow by accident. And an API type's public signatures use only
 * API types, the JDK and the few {@link #LIBRARY_TYPES}, so a user never needs an internal type to
 * call it.
 */
class PublicApiTest {

  /** What a stack of one's own is written with. docs/library.md names each and why. */
  static final Set<String> API =
      Set.of(
          // The stack and how to run it.
          "cli.Main",
          "testing.DistSnapshot",
          "stack.Stack",
          "stack.StackDefinition",
          "shop.ShopStack",
          "shop.ShopEnvironment",
          // The services, with their props records.
          "services.GenericService",
          "services.HttpService",
          "services.HttpServiceProps",
          "services.HttpFramework",
          "services.Postgres",
          "services.PostgresProps",
          "services.BackupProps",
          "services.PostgresOptions",
          "services.ScheduledTask",
          "services.ClusterPrometheusProps",
          "services.PostgresExtension",
          "services.Redis",
          "services.RedisProps",
          "services.Backend",
          "services.BackendProps",
          "services.LogLevel",
          "services.Frontend",
          "services.FrontendProps",
          "services.Nginx",
          "services.NginxProps",
          "services.NginxRoute",
          "services.IngressProps",
          "services.Prometheus",
          "services.PrometheusProps",
          "services.DevTools",
          "services.DevToolsProps",
          "services.AutoscalingProps",
          "services.ResourcesProps",
          "services.ClusterProps",
          // The value types those take.
          "model.ImageRef",
          "model.Cpu",
          "model.Memory",
          "model.Resources",
          "model.Autoscaling",
          "model.Probe",
          "model.RateLimit",
          "model.SecretFile",
          "model.Endpoint",
          "model.EnvValue",
          "model.Exposure",
          "model.ClusterNetwork",
          "model.StackModel",
          "model.ConfigChecker",
          "model.ComposeHealthCheck",
          // Environment files: a props record's errors and its waivers.
          "env.InvalidPropException",
          "validate.Waiver",
          "config.EvictionPolicy");

  /**
   * What a definition returns and only passes on: its accessors serve the renderers, so its
   * signatures are not held to the API's types.
   */
  static final Set<String> OPAQUE = Set.of("model.StackModel");

  /**
   * Types of other libraries the API hands out on purpose: a patch edits the rendered object as
   * Jackson's JSON tree, whose typed reads and writes by JSON pointer need no code of ours.
   */
  static final Set<String> LIBRARY_TYPES = Set.of("com.fasterxml.jackson.databind.node.ObjectNode");

  /** Public members of API types that other packages of the library need, and users do not. */
  static final Set<String> INTERNAL_MEMBERS =
      Set.of(
          "stack.Stack#add",
          "stack.Stack#addLast",
          "stack.Stack#services",
          "stack.Stack#scrapedBy");

  @Test
  void everyPublicTypeIsClassifiedAndNoOther() throws Exception {
    Set<String> expected = new TreeSet<>(API);
    expected.addAll(INTERNAL);

    assertThat(publicTypes())
        .withFailMessage(
            "public types differ from PublicApiTest's lists: add a new type to API (and the"
                + " table of docs/library.md) or INTERNAL, or make it package-private; remove one that is gone.\n"
                + "public: %s",
            publicTypes())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void apiSignaturesUseOnlyApiTypesAndTheJdk() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (String name : API) {
      if (!OPAQUE.contains(name)) {
        check(Class.forName(PREFIX + name), name, leaks);
      }
    }

    assertThat(leaks).isEmpty();
  }

  @Test
  void theExampleStacksAreBuiltThroughTheApiAlone() throws IOException {
    List<String> internal = new ArrayList<>();
    try (Stream<Path> files = Files.walk(InstalledTools.PROJECT.resolve("examples"))) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/dist/"))
              .toList()) {
        Matcher imported = IMPORT.matcher(Files.readString(file));
        while (imported.find()) {
          if (!API.contains(imported.group(1))) {
            internal.add(file.getFileName() + " imports " + imported.group(1));
          }
        }
      }
    }

    String library = Files.readString(InstalledTools.PROJECT.resolve("docs/library.md"));
    int section = library.indexOf("\n## Model your own stack\n");
    assertThat(section).as("docs/library.md has a section Model your own stack").isNotNegative();
    int start = library.indexOf("```java\n", section);
    String program = library.substring(start, library.indexOf("\n```\n", start));
    Matcher referenced = IMPORT.matcher(program);
    int references = 0;
    while (referenced.find()) {
      references++;
      if (!API.contains(referenced.group(1))) {
        internal.add("docs/library.md's example uses " + referenced.group(1));
      }
    }

    assertThat(references).as("library types the example of docs/library.md uses").isPositive();
    assertThat(internal).isEmpty();
  }

  /**
   * A reference to a type of the library, imported or written out in full (including a wildcard
   * import, whose package then stands for the type).
   */
  private static final Pattern IMPORT =
      Pattern.compile("io\\.stackwright\\.((?:[a-z][a-z0-9]*\\.)*(?:[A-Z]\\w*|\\*))");

  private static final String PREFIX = "io.stackwright.";

  private static void check(Class<?> type, String api, List<String> leaks) {
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (Modifier.isPublic(constructor.getModifiers())) {
        for (Type parameter : constructor.getGenericParameterTypes()) {
          leak(api + "#<init>", parameter, leaks);
        }
      }
    }
    checkMethods(type, api, leaks);
    // A package-private superclass's public methods are the API type's own to a caller.
    for (Class<?> hidden = type.getSuperclass();
        hidden != null && !Modifier.isPublic(hidden.getModifiers());
        hidden = hidden.getSuperclass()) {
      checkMethods(hidden, api, leaks);
    }
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isPublic(field.getModifiers())) {
        leak(api + "#" + field.getName(), field.getGenericType(), leaks);
      }
    }
    for (Class<?> nested : type.getDeclaredClasses()) {
      if (Modifier.isPublic(nested.getModifiers())) {
        check(nested, api + "." + nested.getSimpleName(), leaks);
      }
    }
  }

  private static void checkMethods(Class<?> type, String api, List<String> leaks) {
    for (Method method : type.getDeclaredMethods()) {
      String member = api + "#" + method.getName();
      if (!Modifier.isPublic(method.getModifiers())
          || method.isSynthetic()
          || INTERNAL_MEMBERS.contains(member)) {
        continue;
      }
      leak(member, method.getGenericReturnType(), leaks);
      for (Type parameter : method.getGenericParameterTypes()) {
        leak(member, parameter, leaks);
      }
    }
  }

  private static void leak(String member, Type type, List<String> leaks) {
    if (type instanceof ParameterizedType parameterized) {
      leak(member, parameterized.getRawType(), leaks);
      for (Type argument : parameterized.getActualTypeArguments()) {
        leak(member, argument, leaks);
      }
    } else if (type instanceof WildcardType wildcard) {
      Stream.concat(Stream.of(wildcard.getUpperBounds()), Stream.of(wildcard.getLowerBounds()))
          .forEach(bound -> leak(member, bound, leaks));
    } else if (type instanceof GenericArrayType array) {
      leak(member, array.getGenericComponentType(), leaks);
    } else if (type instanceof TypeVariable<?> variable) {
      for (Type bound : variable.getBounds()) {
        leak(member, bound, leaks);
      }
    } else if (type instanceof Class<?> cls) {
      Class<?> top = cls;
      while (top.isArray()) {
        top = top.getComponentType();
      }
      while (top.getEnclosingClass() != null) {
        top = top.getEnclosingClass();
      }
      String name = top.getName();
      if (!top.isPrimitive()
          && !name.startsWith("java.")
          && !LIBRARY_TYPES.contains(name)
          && !API.contains(name.substring(PREFIX.length() > name.length() ? 0 : PREFIX.length()))) {
        leaks.add(member + " uses " + cls.getName());
      }
    }
  }

  /** The public top-level types of the library, relative to {@code io.stackwright.}. */
  private static Set<String> publicTypes() throws IOException, URISyntaxException {
    Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path root = classes.resolve("io/stackwright");
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (relative.contains("$") || relative.endsWith("package-info.class")) {
          continue;
        }
        String name =
            relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        try {
          Class<?> type = Class.forName(PREFIX + name, false, Main.class.getClassLoader());
          if (Modifier.isPublic(type.getModifiers())) {
            names.add(name);
          }
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return names;
  }

  /**
   * Public for the library's other packages only: the model's internals, the renderers, the
   * validation gate, loading and writing.
   */
  static final Set<String> INTERNAL =
      Set.of(
          "starter.Starter",
          "validate.ValidatorInstaller",
          "config.EdgeRoute",
          "config.EdgeSettings",
          "config.NginxConf",
          "config.PostgresTuning",
          "config.PrometheusConf",
          "config.RbacRule",
          "config.RedisConf",
          "config.ScrapeTarget",
          "env.EnvironmentException",
          "env.EnvironmentLoader",
          "env.Problem",
          "files.FileTrees",
          "model.AddressRanges",
          "model.ApiAccess",
          "model.ConfigFile",
          "model.ContainerSecurity",
          "model.Metrics",
          "model.Names",
          "model.Patch",
          "model.PersistentData",
          "model.RawObject",
          "model.ScheduledJob",
          "model.CronSchedule",
          "model.ServiceModel",
          "model.ServicePort",
          "model.WorkloadKind",
          "output.Cdk8sCliOutput",
          "output.DistDiff",
          "validate.policy.Parity",
          "validate.ParityReport",
          "report.EnvironmentComparison",
          "report.ArchitectureDiagram",
          "output.ObjectDiff",
          "output.DistWriter",
          "output.DistInput",
          "text.Printable",
          "output.SynthOutput",
          "output.Yaml",
          "render.Addresses",
          "render.DevSecrets",
          "render.Labels",
          "render.compose.ComposeEnricher",
          "render.compose.ComposeFile",
          "render.compose.ComposeRenderer",
          "render.compose.ComposeService",
          "render.compose.Deploy",
          "render.compose.HealthCheck",
          "render.enrich.Enricher",
          "render.enrich.Enrichers",
          "render.k8s.jsii.JsiiKernel",
          "render.k8s.jsii.KernelValues",
          "render.k8s.KubeJson",
          "render.k8s.KubernetesEnricher",
          "render.k8s.KubernetesRenderer",
          "render.k8s.PlainObjects",
          "render.k8s.PodValues",
          "render.k8s.PodVolumes",
          "render.k8s.StackParts",
          "render.k8s.WorkloadParts",
          "run.DiffRun",
          "run.Options",
          "run.Outcome",
          "run.Status",
          "run.SynthRun",
          "synth.Environments",
          "synth.StackCode",
          "synth.Synthesis",
          "synth.Synthesizer",
          "synth.uptodate.UpToDate",
          "synth.ValidationException",
          "validate.Finding",
          "validate.GeneratedConfig",
          "validate.Layer",
          "validate.Programs",
          "validate.Subject",
          "validate.Tools",
          "validate.GateCheck",
          "validate.ValidationGate",
          "validate.ValidationMode",
          "validate.ValidationReport",
          "validate.policy.KubeObject",
          "validate.policy.PolicyInput",
          "validate.policy.PolicyRule",
          "validate.policy.PolicyRules",
          "validate.policy.Violation");
}
