package io.stackwright.services;

import io.stackwright.model.ApiAccess;
import io.stackwright.model.Autoscaling;
import io.stackwright.model.ComposeHealthCheck;
import io.stackwright.model.ConfigFile;
import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.EnvValue;
import io.stackwright.model.Exposure;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Metrics;
import io.stackwright.model.PersistentData;
import io.stackwright.model.Probe;
import io.stackwright.model.Resources;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.SecretFile;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.ServicePort;
import io.stackwright.model.WorkloadKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link GenericService.Builder} has been told so far, each value starting at its default,
 * and the one place it becomes a {@link ServiceModel}, whose constructor checks it. The setters and
 * their documentation are the builder's; this holds no logic but the defaults and the assembly.
 */
final class ServiceDraft {
  final String name;
  String component = "app";
  ImageRef image;
  PersistentData data;
  int replicas = 1;
  final List<ServicePort> ports = new ArrayList<>();
  final Map<String, EnvValue> env = new TreeMap<>();
  final List<SecretFile> secrets = new ArrayList<>();
  final List<String> writablePaths = new ArrayList<>();
  final Map<String, Memory> inMemory = new TreeMap<>();
  Probe readiness;
  Probe liveness;
  int startupSeconds = 30;
  Resources resources = GenericService.DEFAULT_RESOURCES;
  ContainerSecurity security = ContainerSecurity.DEFAULT;
  final List<String> dependsOn = new ArrayList<>();
  final List<String> command = new ArrayList<>();
  final List<String> args = new ArrayList<>();
  final List<ConfigFile> configFiles = new ArrayList<>();
  Metrics metrics;
  Autoscaling autoscaling;
  Integer hostPort;
  Exposure.Ingress ingress;
  final List<ApiAccess> apiAccess = new ArrayList<>();
  final List<ScheduledJob> jobs = new ArrayList<>();
  final List<ScheduledTask> tasks = new ArrayList<>();
  String composeProfile;
  boolean kubernetes = true;
  ComposeHealthCheck composeHealthCheck = ComposeHealthCheck.IN_CONTAINER;

  ServiceDraft(String name) {
    this.name = name;
  }

  /** Sets a variable, refusing a second value for it. */
  void env(String key, EnvValue value) {
    if (env.put(key, value) != null) {
      throw new IllegalArgumentException(name + ": environment variable " + key + " set twice");
    }
  }

  /** The container port of the port of that name, which must have been declared. */
  int port(String portName) {
    return ports.stream()
        .filter(p -> p.name().equals(portName))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no port named " + portName + "; declare it with port() first"))
        .port();
  }

  /**
   * The model of what was described.
   *
   * @throws IllegalArgumentException when a required value is missing or a value is invalid
   */
  ServiceModel toModel() {
    List<ScheduledJob> allJobs = allJobs();
    List<String> missing = new ArrayList<>();
    if (image == null) {
      missing.add("image");
    }
    if (readiness == null) {
      missing.add("readiness probe");
    }
    if (liveness == null) {
      missing.add("liveness probe");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          name
              + ": a generic service needs an image, a port and its probes (httpProbe or probe);"
              + " missing: "
              + String.join(", ", missing));
    }
    return new ServiceModel(
        name,
        component,
        image,
        data == null ? WorkloadKind.DEPLOYMENT : WorkloadKind.STATEFUL_SET,
        replicas,
        ports,
        env,
        secrets,
        writablePaths,
        data,
        readiness,
        liveness,
        startupSeconds,
        resources,
        security,
        dependsOn,
        command,
        args,
        configFiles,
        metrics,
        autoscaling,
        hostPort == null && ingress == null ? null : new Exposure(hostPort, ingress),
        apiAccess,
        allJobs,
        composeProfile,
        inMemory,
        kubernetes,
        composeHealthCheck);
  }

  /** The package's own jobs and the tasks, which run the service's image as its user. */
  private List<ScheduledJob> allJobs() {
    List<ScheduledJob> all = new ArrayList<>(jobs);
    ContainerSecurity user = new ContainerSecurity(security.runAsUser(), security.runAsGroup());
    for (ScheduledTask task : tasks) {
      if (task.image() == null && image == null) {
        throw new IllegalArgumentException(
            "task " + task.name() + " runs the service's image, and the service has none");
      }
      all.add(task.toJob(image, user));
    }
    return all;
  }
}
